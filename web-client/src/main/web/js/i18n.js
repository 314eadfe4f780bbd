// Every text of the web client, German first and English second. The choice is remembered in localStorage
// (no cookie). Elements carry data-i18n="key" (text), data-i18n-aria-label / -placeholder / -title; texts
// with {placeholders} take their values from data-i18n-params (JSON) or from the caller of t().
import { de as whiteboardDe, en as whiteboardEn } from './whiteboard-texts.js';

const de = {
  'common.skip': 'Zum Inhalt springen',
  'lang.switch': 'Sprache wechseln: Englisch',
  'error.network': 'Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
  'error.unexpected': 'Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.',
  'error.tooManyRequests': 'Zu viele Versuche. Bitte warten Sie {seconds} Sekunden.',

  'patient.pageTitle': 'Videosprechstunde – Sprechzimmer',
  'join.title': 'Videosprechstunde',
  'join.intro': 'Geben Sie den Zugangscode ein, den Sie von Ihrer Praxis erhalten haben, und Ihren Namen.',
  'join.code': 'Zugangscode',
  'join.codeHint': '12 Zeichen, zum Beispiel K7QM-4XRT-9HWP. Groß- und Kleinschreibung spielen keine Rolle.',
  'join.name': 'Ihr Name',
  'join.nameHint': 'So sieht die Praxis, wer im Wartezimmer ist.',
  'join.submit': 'Ins Wartezimmer',
  'join.error.codeFormat': 'Bitte geben Sie den 12-stelligen Zugangscode vollständig ein.',
  'join.error.nameMissing': 'Bitte geben Sie Ihren Namen ein (höchstens 100 Zeichen).',
  'join.error.consentMissing': 'Ohne Ihre Einwilligung ist keine Videosprechstunde möglich.',
  'join.error.invalidCode': 'Dieser Zugangscode ist nicht gültig. Bitte prüfen Sie ihn oder fragen Sie Ihre Praxis.',
  'join.error.codeExpired': 'Dieser Zugangscode ist abgelaufen. Bitte fragen Sie Ihre Praxis nach einem neuen.',
  'join.error.notYetValid': 'Dieser Zugangscode gilt erst ab {from}.',
  'join.error.tokenGone': 'Ihr Zugang ist nicht mehr gültig. Bitte geben Sie Ihren Zugangscode erneut ein.',

  'consent.title': 'Einwilligung in die Verarbeitung Ihrer Gesundheitsdaten',
  'consent.intro': 'Während der Videosprechstunde können Angaben zu Ihrer Gesundheit sichtbar oder hörbar werden. Solche Gesundheitsdaten sind nach Art. 9 DSGVO besonders geschützt. Wir verarbeiten sie nur mit Ihrer ausdrücklichen Einwilligung (Art. 9 Abs. 2 lit. a DSGVO).',
  'consent.whatTitle': 'Was verarbeitet wird:',
  'consent.what': 'der Name, den Sie hier eingeben (die Praxis sieht ihn im Wartezimmer), sowie Bild, Ton und Chat-Nachrichten während des Gesprächs.',
  'consent.howTitle': 'Wie:',
  'consent.how': 'Bild, Ton und Chat gehen verschlüsselt direkt zwischen Ihrem Gerät und dem der Praxis (Peer-to-Peer). Ist keine direkte Verbindung möglich, leitet ein Relay-Server die verschlüsselten Daten nur weiter, ohne sie lesen zu können.',
  'consent.recordTitle': 'Keine Aufzeichnung:',
  'consent.record': 'Bild, Ton und Chat werden weder aufgezeichnet noch gespeichert.',
  'consent.voluntaryTitle': 'Freiwillig:',
  'consent.voluntary': 'Ihre Einwilligung ist freiwillig. Ohne sie ist keine Videosprechstunde möglich; Sie können mit Ihrer Praxis stattdessen einen anderen Termin vereinbaren.',
  'consent.revokeTitle': 'Widerruf:',
  'consent.revoke': 'Sie können Ihre Einwilligung jederzeit widerrufen, indem Sie das Wartezimmer oder das Gespräch verlassen. Die bis dahin erfolgte Verarbeitung bleibt rechtmäßig.',
  'consent.controllerTitle': 'Verantwortlich:',
  'consent.controller': 'Ihre Praxis. Ihre Rechte auf Auskunft, Berichtigung und Löschung (Art. 15–17 DSGVO) können Sie dort geltend machen.',
  'consent.label': 'Ich habe die Hinweise gelesen und willige ausdrücklich ein, dass meine Gesundheitsdaten für diese Videosprechstunde wie beschrieben verarbeitet werden.',

  'wait.title': 'Wartezimmer',
  'wait.status': 'Bitte warten Sie. Die Praxis holt Sie gleich in die Sprechstunde.',
  'wait.connecting': 'Verbindung zur Praxis wird hergestellt …',
  'wait.preview': 'Ihre Kamera (nur für Sie sichtbar)',
  'wait.leave': 'Wartezimmer verlassen',

  'media.asking': 'Bitte erlauben Sie den Zugriff auf Kamera und Mikrofon, wenn Ihr Browser danach fragt.',
  'media.ready': 'Kamera und Mikrofon sind bereit.',
  'media.retry': 'Kamera und Mikrofon erneut versuchen',
  'media.denied': 'Der Zugriff auf Kamera und Mikrofon wurde verweigert. Bitte erlauben Sie ihn in den Einstellungen Ihres Browsers (meist über das Symbol in der Adresszeile) und versuchen Sie es erneut. Ohne Zugriff können Sie die Praxis nur sehen und hören.',
  'media.no-devices': 'Es wurden weder Kamera noch Mikrofon gefunden. Bitte schließen Sie ein Gerät an und versuchen Sie es erneut. Sie können die Praxis trotzdem sehen und hören.',
  'media.no-camera': 'Es wurde keine Kamera gefunden. Die Praxis kann Sie hören, aber nicht sehen.',
  'media.no-microphone': 'Es wurde kein Mikrofon gefunden. Die Praxis kann Sie sehen, aber nicht hören.',
  'media.in-use': 'Kamera oder Mikrofon werden gerade von einem anderen Programm verwendet. Bitte schließen Sie es und versuchen Sie es erneut.',
  'media.insecure': 'Kamera und Mikrofon sind nur über eine sichere Verbindung (https) nutzbar.',
  'media.unsupported': 'Dieser Browser unterstützt keine Videosprechstunde. Bitte verwenden Sie einen aktuellen Browser.',
  'media.unknown': 'Kamera und Mikrofon konnten nicht gestartet werden.',

  'call.title': 'Videosprechstunde',
  'call.you': 'Sie',
  'call.controls': 'Gesprächssteuerung',
  'call.muteAudio': 'Mikrofon stumm',
  'call.muteVideo': 'Kamera aus',
  'call.shareScreen': 'Bildschirm teilen',
  'call.hangup': 'Auflegen',
  'call.endSession': 'Sprechstunde beenden',
  'call.enableSound': 'Ton einschalten',
  'call.chat': 'Chat',
  'call.chatLabel': 'Nachricht',
  'call.chatSend': 'Senden',
  'call.chatWaiting': 'Der Chat ist bereit, sobald die Verbindung steht.',
  'call.chatPrivacy': 'Nachrichten gehen direkt zwischen den Geräten und werden nicht gespeichert.',
  'call.state.connected': 'Verbunden',
  'call.state.connecting': 'Verbindung wird aufgebaut …',
  'call.state.trouble': 'Verbindung gestört – wird wiederhergestellt …',
  'call.state.alone': 'Warten auf die anderen Teilnehmenden …',
  'call.state.signalingLost': 'Verbindung zum Server unterbrochen – wird wiederhergestellt. Das Gespräch läuft weiter.',

  'peer.new': 'Verbinde …',
  'peer.connecting': 'Verbinde …',
  'peer.connected': 'Verbunden',
  'peer.disconnected': 'Verbindung unterbrochen',
  'peer.failed': 'Verbindung fehlgeschlagen',
  'peer.closed': 'Getrennt',
  'peer.direct': 'direkt',
  'peer.relayed': 'über Relay',
  'peer.micOff': 'Mikrofon aus',
  'peer.cameraOff': 'Kamera aus',

  'ended.title': 'Die Sprechstunde wurde beendet',
  'ended.byPractice': 'Die Praxis hat die Sprechstunde beendet. Ihr Zugangscode gilt für dieses Gespräch nicht mehr.',
  'ended.leftTitle': 'Sie haben die Sprechstunde verlassen',
  'ended.left': 'Wenn Sie erneut teilnehmen möchten, wenden Sie sich bitte an Ihre Praxis.',
  'ended.declinedTitle': 'Die Praxis kann Sie gerade nicht empfangen',
  'ended.declined': 'Bitte wenden Sie sich an Ihre Praxis, um einen neuen Termin zu vereinbaren.',
  'ended.revoked': 'Ihr Zugang ist nicht mehr gültig.',
  'ended.expiredTitle': 'Ihr Zugang ist abgelaufen',
  'ended.expired': 'Bitte geben Sie Ihren Zugangscode erneut ein oder fragen Sie Ihre Praxis nach einem neuen.',
  'ended.replacedTitle': 'In einem anderen Fenster geöffnet',
  'ended.replaced': 'Sie nehmen in einem anderen Fenster oder auf einem anderen Gerät an der Sprechstunde teil.',
  'ended.privacy': 'Es wurde nichts aufgezeichnet. Sie können dieses Fenster jetzt schließen.',

  'praxis.pageTitle': 'Praxis – Sprechzimmer',
  'praxis.logout': 'Abmelden',
  'praxis.confirmLogout': 'Die laufende Sprechstunde wird für alle beendet. Trotzdem abmelden?',
  'praxis.replaced': 'Die Praxis-Ansicht wurde in einem anderen Tab geöffnet. Hier werden keine Patienten mehr angezeigt.',
  'link.online': 'Online',
  'link.reconnecting': 'Verbindung wird wiederhergestellt …',
  'link.closed': 'Offline',

  'login.title': 'Anmeldung für Praxen',
  'login.user': 'Benutzername',
  'login.password': 'Passwort',
  'login.submit': 'Anmelden',
  'login.error.missing': 'Bitte Benutzername und Passwort eingeben.',
  'login.error.invalid': 'Benutzername oder Passwort ist falsch.',
  'login.error.expired': 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.',

  'waiting.title': 'Wartende Patienten',
  'waiting.empty': 'Zurzeit wartet niemand.',
  'waiting.count': '{count} wartend',
  'waiting.titleAlert': 'Wartezimmer: {count}',
  'waiting.since': 'wartet seit {duration}',
  'waiting.justArrived': 'gerade angekommen',
  'waiting.admit': 'Eintreten lassen',
  'waiting.admitNamed': '{name} eintreten lassen',
  'waiting.addToCall': 'Hinzuholen',
  'waiting.addToCallNamed': '{name} in das laufende Gespräch holen',
  'waiting.decline': 'Ablehnen',
  'waiting.declineNamed': '{name} ablehnen',
  'waiting.confirmDecline': '{name} ablehnen? Der Zugang wird dabei ungültig.',
  'waiting.error.gone': '{name} wartet nicht mehr.',
  'waiting.error.full': 'In einer Sprechstunde sind höchstens drei Gäste möglich.',

  'codes.title': 'Zugangscodes',
  'codes.patientName': 'Name des Patienten',
  'codes.validFrom': 'Gültig ab',
  'codes.validUntil': 'Gültig bis',
  'codes.validityHint': 'Höchstens 30 Tage. Vorgabe: 24 Stunden ab jetzt.',
  'codes.create': 'Code erstellen',
  'codes.created': 'Code für {name} erstellt.',
  'codes.empty': 'Für dieses Wartezimmer gibt es keine gültigen Codes.',
  'codes.validity': 'gültig {from} bis {until}',
  'codes.copyCode': 'Code kopieren',
  'codes.copyLink': 'Link kopieren',
  'codes.copyCodeFor': 'Code für {name} kopieren',
  'codes.copyLinkFor': 'Link für {name} kopieren',
  'codes.copiedCode': 'Code kopiert.',
  'codes.copiedLink': 'Link kopiert.',
  'codes.copyFailed': 'Kopieren nicht möglich. Bitte markieren Sie den Text selbst: {text}',
  'codes.delete': 'Löschen',
  'codes.deleteFor': 'Code für {name} löschen',
  'codes.confirmDelete': 'Code für {name} löschen? Er kann danach nicht mehr verwendet werden.',
  'codes.error.nameMissing': 'Bitte den Namen des Patienten eingeben.',
  'codes.error.validityOrder': '„Gültig bis“ muss nach „Gültig ab“ liegen.',
  'codes.error.validityTooLong': 'Ein Code gilt höchstens 30 Tage.',
  'codes.error.invalid': 'Bitte prüfen Sie Ihre Eingaben (Name höchstens 100 Zeichen).',

  'rooms.title': 'Wartezimmer verwalten',
  'rooms.select': 'Wartezimmer',
  'rooms.name': 'Name',
  'rooms.waitingText': 'Text für wartende Patienten',
  'rooms.waitingTextHint': 'Patienten sehen diesen Text, solange sie warten. Ohne Text sehen sie nur den Namen der Praxis.',
  'rooms.save': 'Speichern',
  'rooms.saved': 'Gespeichert.',
  'rooms.new': 'Neues Wartezimmer',
  'rooms.cancelNew': 'Abbrechen',
  'rooms.create': 'Wartezimmer anlegen',
  'rooms.created': 'Wartezimmer angelegt.',
  'rooms.delete': 'Wartezimmer löschen',
  'rooms.deleted': 'Wartezimmer gelöscht.',
  'rooms.confirmDelete': 'Wartezimmer „{name}“ mit allen Zugangscodes löschen?',
  'rooms.error.nameMissing': 'Bitte einen Namen eingeben.',
  'rooms.error.invalid': 'Bitte prüfen Sie Ihre Eingaben (Name höchstens 80, Text höchstens 2000 Zeichen).',
  'stats.title': 'Statistik',
  'stats.intro': 'Pseudonymisierte Kennzahlen Ihrer Sprechstunden: Dauer, Verbindungsart, genutzte Funktionen, Anmeldungen. Gespeichert werden sie 90 Tage; ein Export umfasst höchstens 93 Tage.',
  'stats.from': 'Von',
  'stats.to': 'Bis (einschließlich)',
  'stats.scope': 'Umfang',
  'stats.scopeOwn': 'Eigene',
  'stats.scopePractice': 'Praxis',
  'stats.csv': 'CSV (je Ereignis)',
  'stats.csvDays': 'CSV (je Tag)',
  'stats.pdf': 'PDF-Bericht',
  'stats.preparing': 'Der Export wird erstellt …',
  'stats.saved': 'Die Datei wurde gespeichert.',
  'stats.error.period': 'Bitte wählen Sie einen Zeitraum von höchstens 93 Tagen; „Bis“ darf nicht vor „Von“ liegen.',
  'stats.error.forbidden': 'Die Statistik der ganzen Praxis dürfen nur Praxis-Administratoren abrufen.',
  'stats.error.busy': 'Gerade laufen zu viele Exporte. Bitte versuchen Sie es in einer Minute erneut.',
  'stats.error.unauthorized': 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.',
  'stats.error.unavailable': 'Die Statistik ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.',
  ...whiteboardDe,
};

/** @typedef {keyof typeof de} MsgKey */
/** @typedef {'de' | 'en'} Lang */

/** @type {Record<MsgKey, string>} */
const en = {
  'common.skip': 'Skip to content',
  'lang.switch': 'Switch language: German',
  'error.network': 'The server cannot be reached. Please check your internet connection and try again.',
  'error.unexpected': 'Something went wrong. Please try again.',
  'error.tooManyRequests': 'Too many attempts. Please wait {seconds} seconds.',

  'patient.pageTitle': 'Video consultation – Sprechzimmer',
  'join.title': 'Video consultation',
  'join.intro': 'Enter the access code you received from your practice, and your name.',
  'join.code': 'Access code',
  'join.codeHint': '12 characters, for example K7QM-4XRT-9HWP. Upper and lower case do not matter.',
  'join.name': 'Your name',
  'join.nameHint': 'This tells the practice who is in the waiting room.',
  'join.submit': 'Enter the waiting room',
  'join.error.codeFormat': 'Please enter the complete 12-character access code.',
  'join.error.nameMissing': 'Please enter your name (at most 100 characters).',
  'join.error.consentMissing': 'A video consultation is not possible without your consent.',
  'join.error.invalidCode': 'This access code is not valid. Please check it or ask your practice.',
  'join.error.codeExpired': 'This access code has expired. Please ask your practice for a new one.',
  'join.error.notYetValid': 'This access code is valid from {from}.',
  'join.error.tokenGone': 'Your access is no longer valid. Please enter your access code again.',

  'consent.title': 'Consent to the processing of your health data',
  'consent.intro': 'During the video consultation, information about your health may be seen or heard. Such health data is specially protected under Art. 9 GDPR. We process it only with your explicit consent (Art. 9(2)(a) GDPR).',
  'consent.whatTitle': 'What is processed:',
  'consent.what': 'the name you enter here (the practice sees it in the waiting room), and picture, sound and chat messages during the consultation.',
  'consent.howTitle': 'How:',
  'consent.how': 'Picture, sound and chat travel encrypted directly between your device and the practice’s (peer to peer). If no direct connection is possible, a relay server only forwards the encrypted data without being able to read it.',
  'consent.recordTitle': 'No recording:',
  'consent.record': 'Picture, sound and chat are neither recorded nor stored.',
  'consent.voluntaryTitle': 'Voluntary:',
  'consent.voluntary': 'Your consent is voluntary. Without it, a video consultation is not possible; you can arrange another appointment with your practice instead.',
  'consent.revokeTitle': 'Withdrawal:',
  'consent.revoke': 'You can withdraw your consent at any time by leaving the waiting room or the consultation. Processing up to then remains lawful.',
  'consent.controllerTitle': 'Controller:',
  'consent.controller': 'your practice. You can exercise your rights of access, rectification and erasure (Art. 15–17 GDPR) there.',
  'consent.label': 'I have read this information and explicitly consent to my health data being processed for this video consultation as described.',

  'wait.title': 'Waiting room',
  'wait.status': 'Please wait. The practice will let you in shortly.',
  'wait.connecting': 'Connecting to the practice …',
  'wait.preview': 'Your camera (only you see this)',
  'wait.leave': 'Leave the waiting room',

  'media.asking': 'Please allow access to camera and microphone when your browser asks.',
  'media.ready': 'Camera and microphone are ready.',
  'media.retry': 'Try camera and microphone again',
  'media.denied': 'Access to camera and microphone was denied. Please allow it in your browser settings (usually via the icon in the address bar) and try again. Without access you can only see and hear the practice.',
  'media.no-devices': 'No camera or microphone was found. Please connect a device and try again. You can still see and hear the practice.',
  'media.no-camera': 'No camera was found. The practice can hear you but not see you.',
  'media.no-microphone': 'No microphone was found. The practice can see you but not hear you.',
  'media.in-use': 'Camera or microphone is in use by another program. Please close it and try again.',
  'media.insecure': 'Camera and microphone only work over a secure connection (https).',
  'media.unsupported': 'This browser does not support video consultations. Please use a current browser.',
  'media.unknown': 'Camera and microphone could not be started.',

  'call.title': 'Video consultation',
  'call.you': 'You',
  'call.controls': 'Call controls',
  'call.muteAudio': 'Mute microphone',
  'call.muteVideo': 'Camera off',
  'call.shareScreen': 'Share screen',
  'call.hangup': 'Hang up',
  'call.endSession': 'End consultation',
  'call.enableSound': 'Turn on sound',
  'call.chat': 'Chat',
  'call.chatLabel': 'Message',
  'call.chatSend': 'Send',
  'call.chatWaiting': 'The chat is ready as soon as the connection is up.',
  'call.chatPrivacy': 'Messages go directly between the devices and are not stored.',
  'call.state.connected': 'Connected',
  'call.state.connecting': 'Connecting …',
  'call.state.trouble': 'Connection disturbed – recovering …',
  'call.state.alone': 'Waiting for the other participants …',
  'call.state.signalingLost': 'Connection to the server lost – reconnecting. The call goes on.',

  'peer.new': 'Connecting …',
  'peer.connecting': 'Connecting …',
  'peer.connected': 'Connected',
  'peer.disconnected': 'Connection interrupted',
  'peer.failed': 'Connection failed',
  'peer.closed': 'Disconnected',
  'peer.direct': 'direct',
  'peer.relayed': 'via relay',
  'peer.micOff': 'microphone off',
  'peer.cameraOff': 'camera off',

  'ended.title': 'The consultation has ended',
  'ended.byPractice': 'The practice has ended the consultation. Your access code is no longer valid for this consultation.',
  'ended.leftTitle': 'You have left the consultation',
  'ended.left': 'If you want to join again, please contact your practice.',
  'ended.declinedTitle': 'The practice cannot see you right now',
  'ended.declined': 'Please contact your practice to arrange a new appointment.',
  'ended.revoked': 'Your access is no longer valid.',
  'ended.expiredTitle': 'Your access has expired',
  'ended.expired': 'Please enter your access code again or ask your practice for a new one.',
  'ended.replacedTitle': 'Opened in another window',
  'ended.replaced': 'You are taking part in the consultation in another window or on another device.',
  'ended.privacy': 'Nothing was recorded. You can close this window now.',

  'praxis.pageTitle': 'Practice – Sprechzimmer',
  'praxis.logout': 'Log out',
  'praxis.confirmLogout': 'The running consultation will end for everyone. Log out anyway?',
  'praxis.replaced': 'The practice view was opened in another tab. Patients are no longer shown here.',
  'link.online': 'Online',
  'link.reconnecting': 'Reconnecting …',
  'link.closed': 'Offline',

  'login.title': 'Practice login',
  'login.user': 'User name',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.error.missing': 'Please enter user name and password.',
  'login.error.invalid': 'User name or password is wrong.',
  'login.error.expired': 'Your login has expired. Please log in again.',

  'waiting.title': 'Waiting patients',
  'waiting.empty': 'Nobody is waiting right now.',
  'waiting.count': '{count} waiting',
  'waiting.titleAlert': 'Waiting room: {count}',
  'waiting.since': 'waiting for {duration}',
  'waiting.justArrived': 'just arrived',
  'waiting.admit': 'Let in',
  'waiting.admitNamed': 'Let {name} in',
  'waiting.addToCall': 'Add to call',
  'waiting.addToCallNamed': 'Add {name} to the running call',
  'waiting.decline': 'Decline',
  'waiting.declineNamed': 'Decline {name}',
  'waiting.confirmDecline': 'Decline {name}? Their access becomes invalid.',
  'waiting.error.gone': '{name} is no longer waiting.',
  'waiting.error.full': 'A consultation takes at most three guests.',

  'codes.title': 'Access codes',
  'codes.patientName': 'Patient name',
  'codes.validFrom': 'Valid from',
  'codes.validUntil': 'Valid until',
  'codes.validityHint': 'At most 30 days. Default: 24 hours from now.',
  'codes.create': 'Create code',
  'codes.created': 'Code for {name} created.',
  'codes.empty': 'This waiting room has no valid codes.',
  'codes.validity': 'valid {from} to {until}',
  'codes.copyCode': 'Copy code',
  'codes.copyLink': 'Copy link',
  'codes.copyCodeFor': 'Copy code for {name}',
  'codes.copyLinkFor': 'Copy link for {name}',
  'codes.copiedCode': 'Code copied.',
  'codes.copiedLink': 'Link copied.',
  'codes.copyFailed': 'Copying is not possible. Please select the text yourself: {text}',
  'codes.delete': 'Delete',
  'codes.deleteFor': 'Delete code for {name}',
  'codes.confirmDelete': 'Delete the code for {name}? It cannot be used afterwards.',
  'codes.error.nameMissing': 'Please enter the patient’s name.',
  'codes.error.validityOrder': '“Valid until” must be after “valid from”.',
  'codes.error.validityTooLong': 'A code is valid for at most 30 days.',
  'codes.error.invalid': 'Please check your input (name at most 100 characters).',

  'rooms.title': 'Manage waiting rooms',
  'rooms.select': 'Waiting room',
  'rooms.name': 'Name',
  'rooms.waitingText': 'Text for waiting patients',
  'rooms.waitingTextHint': 'Patients see this text while they wait. Without a text they see only the practice’s name.',
  'rooms.save': 'Save',
  'rooms.saved': 'Saved.',
  'rooms.new': 'New waiting room',
  'rooms.cancelNew': 'Cancel',
  'rooms.create': 'Create waiting room',
  'rooms.created': 'Waiting room created.',
  'rooms.delete': 'Delete waiting room',
  'rooms.deleted': 'Waiting room deleted.',
  'rooms.confirmDelete': 'Delete waiting room “{name}” with all its access codes?',
  'rooms.error.nameMissing': 'Please enter a name.',
  'rooms.error.invalid': 'Please check your input (name at most 80, text at most 2000 characters).',
  'stats.title': 'Statistics',
  'stats.intro': 'Pseudonymised figures of your consultations: duration, kind of connection, features used, logins. They are kept for 90 days; one export covers at most 93 days.',
  'stats.from': 'From',
  'stats.to': 'To (inclusive)',
  'stats.scope': 'Scope',
  'stats.scopeOwn': 'Own',
  'stats.scopePractice': 'Practice',
  'stats.csv': 'CSV (per event)',
  'stats.csvDays': 'CSV (per day)',
  'stats.pdf': 'PDF report',
  'stats.preparing': 'Preparing the export …',
  'stats.saved': 'The file was saved.',
  'stats.error.period': 'Please choose a period of at most 93 days; “To” must not be before “From”.',
  'stats.error.forbidden': 'Only practice administrators may export the whole practice’s figures.',
  'stats.error.busy': 'Too many exports are running right now. Please try again in a minute.',
  'stats.error.unauthorized': 'Your login has expired. Please log in again.',
  'stats.error.unavailable': 'Statistics are not available right now. Please try again later.',
  ...whiteboardEn,
};

const LANG_KEY = 'sz.lang';
/** @type {Record<Lang, Record<MsgKey, string>>} */
const dictionaries = { de, en };
/** @type {Set<() => void>} */
const listeners = new Set();

/** @returns {Lang} */
function storedLang() {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'de';
  } catch {
    return 'de'; // storage blocked: German
  }
}

/** @type {Lang} */
let current = storedLang();

/** @returns {Lang} */
export function getLang() {
  return current;
}

/** @param {Lang} lang */
export function setLang(lang) {
  current = lang;
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // not remembered, still switched
  }
  listeners.forEach((listener) => listener());
}

/** @param {() => void} listener */
export function onLangChange(listener) {
  listeners.add(listener);
}

/**
 * @param {string} key
 * @returns {key is MsgKey}
 */
export function isMsgKey(key) {
  return Object.prototype.hasOwnProperty.call(de, key);
}

/**
 * The text for key in the current language, with {placeholders} filled in.
 * @param {MsgKey} key
 * @param {Record<string, string | number>} [params]
 */
export function t(key, params) {
  const text = dictionaries[current][key] ?? de[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m)) : text;
}

/**
 * Translates every element below root that carries data-i18n attributes, and sets <html lang>.
 * @param {ParentNode} root
 */
export function applyTranslations(root) {
  document.documentElement.lang = current;
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    const key = /** @type {HTMLElement} */ (el).dataset.i18n ?? '';
    if (isMsgKey(key)) {
      const raw = /** @type {HTMLElement} */ (el).dataset.i18nParams;
      el.textContent = t(key, raw ? JSON.parse(raw) : undefined);
    }
  });
  for (const attr of ['aria-label', 'placeholder', 'title']) {
    root.querySelectorAll(`[data-i18n-${attr}]`).forEach((el) => {
      const key = el.getAttribute(`data-i18n-${attr}`) ?? '';
      if (isMsgKey(key)) {
        el.setAttribute(attr, t(key));
      }
    });
  }
}
