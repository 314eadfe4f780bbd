package de.sprechzimmer.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Form(String name, int count, boolean consent) {
    }

    static Form read(String json) throws JsonProcessingException {
        return Json.mapper().readValue(json, Form.class);
    }

    @Test
    void wellTypedInputIsRead() throws Exception {
        assertThat(read("{\"name\":\"Ada\",\"count\":3,\"consent\":true}")).isEqualTo(new Form("Ada", 3, true));
    }

    @Test
    void aValueOfTheWrongTypeIsAnErrorNotAGuess() {
        for (String json : new String[] {
            "{\"name\":123,\"count\":3,\"consent\":true}",
            "{\"name\":1.5,\"count\":3,\"consent\":true}",
            "{\"name\":false,\"count\":3,\"consent\":true}",
            "{\"name\":\"Ada\",\"count\":\"3\",\"consent\":true}",
            "{\"name\":\"Ada\",\"count\":3,\"consent\":\"true\"}",
            "{\"name\":\"Ada\",\"count\":3,\"consent\":1}",
        }) {
            assertThatThrownBy(() -> read(json)).as(json).isInstanceOf(JsonProcessingException.class);
        }
    }
}
