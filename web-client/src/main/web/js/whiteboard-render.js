// Draws the whiteboard: a document page (PDF through pdf.js, images through createImageBitmap) on one canvas,
// the drawing on a second canvas above it, and the others' pointers as labelled dots above both. Positions on a
// page are page-relative integers (whiteboard-state.js COORD_MAX), so every member sees a stroke at the same
// spot whatever their screen size or zoom.
import { h } from './ui.js';
import { COORD_MAX } from './whiteboard-state.js';

/** pdf.js (vendored, see web-client/README.md), loaded only when the first PDF is shown. */
const PDFJS_URL = new URL('./vendor/pdfjs/pdf.min.mjs', import.meta.url).href;
const PDFJS_WORKER_URL = new URL('./vendor/pdfjs/pdf.worker.min.mjs', import.meta.url).href;
/** pdf.js loads its JavaScript JBIG2 and JPEG 2000 decoders from here (no WebAssembly under our CSP). */
const PDFJS_WASM_DIR = new URL('./vendor/pdfjs/wasm/', import.meta.url).href;
/** A page is never drawn with more pixels than this (memory), whatever the zoom and pixel ratio. */
const MAX_CANVAS_PIXELS = 16 * 1024 * 1024;
/** Pen width as a share of the page width. */
const PEN_WIDTH = 0.004;
export const INK_COLORS = Object.freeze(['#d62828', '#1d4ed8', '#15803d', '#b45309', '#7e22ce', '#0f766e']);

/**
 * @typedef {{ width: number, height: number }} Size
 * @typedef {{ promise: Promise<void>, cancel: () => void }} PdfRenderTask
 * @typedef {{ getViewport: (o: { scale: number }) => Size,
 *   render: (p: { canvas: HTMLCanvasElement, viewport: Size, transform?: number[] }) => PdfRenderTask,
 *   cleanup: () => void }} PdfPage
 * @typedef {{ numPages: number, getPage: (n: number) => Promise<PdfPage> }} PdfDocument
 * @typedef {{ promise: Promise<PdfDocument>, destroy: () => Promise<void> }} PdfLoadingTask
 * @typedef {{ pages: number, draw: (canvas: HTMLCanvasElement, page: number, cssWidth: number) => Promise<Size>,
 *   close: () => void }} Doc  a document ready to draw: PDF or image
 * @typedef {{ x: number, y: number, name: string, color: number }} Pointer
 */

/** pdf.js and its one worker (shared by every document: starting a worker parses 1.2 MB of script). */
/** @type {Promise<{ lib: any, worker: { destroy: () => void } }> | null} */
let pdfjs = null;

function loadPdfjs() {
  pdfjs ??= import(PDFJS_URL).then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = PDFJS_WORKER_URL;
    return { lib, worker: new lib.PDFWorker() };
  }).catch((e) => {
    pdfjs = null;
    throw e;
  });
  return pdfjs;
}

/** Stops pdf.js's worker (the consultation is over); the next PDF starts a new one. */
export function stopPdfWorker() {
  const loaded = pdfjs;
  pdfjs = null;
  void loaded?.then(({ worker }) => worker.destroy(), () => {});
}

/**
 * Opens a decrypted file for drawing. The type was checked from its bytes before (whiteboard-crypto.js).
 * @param {Blob} blob
 * @returns {Promise<Doc>}
 */
export async function openDocument(blob) {
  if (blob.type === 'application/pdf') {
    const { lib, worker } = await loadPdfjs();
    /** @type {PdfLoadingTask} */
    const loading = lib.getDocument({
      data: new Uint8Array(await blob.arrayBuffer()), worker,
      // No eval, no WebAssembly, no scripts, no fetches: what the CSP allows, and less to attack.
      isEvalSupported: false, useWasm: false, wasmUrl: PDFJS_WASM_DIR, enableXfa: false, useSystemFonts: true,
      disableAutoFetch: true, stopAtErrors: false,
    });
    const pdf = await loading.promise;
    /** @type {PdfRenderTask | null} */
    let task = null;
    return {
      pages: pdf.numPages,
      async draw(canvas, number, cssWidth) {
        task?.cancel();
        const page = await pdf.getPage(number);
        const natural = page.getViewport({ scale: 1 });
        const viewport = page.getViewport({ scale: cssWidth / natural.width });
        const ratio = pixelRatio(viewport);
        size(canvas, viewport, ratio);
        task = page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
        try {
          await task.promise;
        } finally {
          task = null;
          page.cleanup();
        }
        return viewport;
      },
      close() {
        task?.cancel();
        void loading.destroy(); // the document (the shared worker stays)
      },
    };
  }
  const bitmap = await createImageBitmap(blob);
  return {
    pages: 1,
    async draw(canvas, _page, cssWidth) {
      const css = { width: cssWidth, height: cssWidth * (bitmap.height / bitmap.width) };
      const ratio = pixelRatio(css);
      size(canvas, css, ratio);
      const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return css;
    },
    close() {
      bitmap.close();
    },
  };
}

/** @param {Size} css */
function pixelRatio(css) {
  const wanted = window.devicePixelRatio || 1;
  return Math.min(wanted, Math.sqrt(MAX_CANVAS_PIXELS / Math.max(1, css.width * css.height)));
}

/**
 * Sets a canvas's pixel size and its CSS size (through the CSSOM, which the CSP allows; never a style attribute).
 * @param {HTMLCanvasElement} canvas
 * @param {Size} css
 * @param {number} ratio
 */
function size(canvas, css, ratio) {
  canvas.width = Math.max(1, Math.floor(css.width * ratio));
  canvas.height = Math.max(1, Math.floor(css.height * ratio));
  canvas.style.width = `${css.width}px`;
  canvas.style.height = `${css.height}px`;
}

/** The page on screen: document canvas, drawing canvas, pointer dots. */
export class Surface {
  /** @type {Size} */
  #css = { width: 0, height: 0 };

  constructor() {
    this.doc = h('canvas', { class: 'wb-doc', 'data-testid': 'wb-canvas' });
    this.ink = h('canvas', { class: 'wb-ink', 'data-testid': 'wb-ink' });
    this.pointers = h('div', { class: 'wb-pointers', 'aria-hidden': 'true' });
    this.page = h('div', { class: 'wb-page', hidden: true }, [this.doc, this.ink, this.pointers]);
  }

  /**
   * Draws a page of a document, fitted to `cssWidth` CSS pixels wide.
   * @param {Doc} doc
   * @param {number} page
   * @param {number} cssWidth
   */
  async show(doc, page, cssWidth) {
    delete this.doc.dataset.rendered;
    const css = await doc.draw(this.doc, page, Math.max(50, Math.round(cssWidth)));
    this.#css = { width: css.width, height: css.height };
    size(this.ink, this.#css, this.doc.width / css.width);
    this.page.hidden = false;
    this.doc.dataset.rendered = String(page);
  }

  hide() {
    this.page.hidden = true;
    delete this.doc.dataset.rendered;
    this.pointers.replaceChildren();
  }

  /**
   * Redraws every stroke of the page.
   * @param {{ color: number, pts: number[] }[]} strokes
   */
  drawInk(strokes) {
    const ctx = /** @type {CanvasRenderingContext2D} */ (this.ink.getContext('2d'));
    const { width, height } = this.ink;
    ctx.clearRect(0, 0, width, height);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = Math.max(2, width * PEN_WIDTH);
    for (const s of strokes) {
      const pts = s.pts;
      ctx.strokeStyle = INK_COLORS[s.color] ?? INK_COLORS[0];
      ctx.beginPath();
      ctx.moveTo((pts[0] * width) / COORD_MAX, (pts[1] * height) / COORD_MAX);
      // A single point still shows: a line of zero length with round caps is a dot.
      for (let i = pts.length > 2 ? 2 : 0; i < pts.length; i += 2) {
        ctx.lineTo((pts[i] * width) / COORD_MAX, (pts[i + 1] * height) / COORD_MAX);
      }
      ctx.stroke();
    }
  }

  /** @param {Pointer[]} pointers */
  showPointers(pointers) {
    this.pointers.replaceChildren(...pointers.map((p) => {
      const dot = h('span', { class: 'wb-pointer', 'data-color': p.color }, [h('span', { class: 'wb-pointer-name', text: p.name })]);
      dot.style.left = `${(p.x / COORD_MAX) * 100}%`;
      dot.style.top = `${(p.y / COORD_MAX) * 100}%`;
      return dot;
    }));
  }

  /**
   * Where a pointer event is on the page, in page coordinates.
   * @param {PointerEvent} e
   * @returns {{ x: number, y: number }}
   */
  toPage(e) {
    const r = this.ink.getBoundingClientRect();
    const clamp = (/** @type {number} */ v) => Math.min(COORD_MAX, Math.max(0, Math.round(v * COORD_MAX)));
    return { x: clamp((e.clientX - r.left) / (r.width || 1)), y: clamp((e.clientY - r.top) / (r.height || 1)) };
  }
}
