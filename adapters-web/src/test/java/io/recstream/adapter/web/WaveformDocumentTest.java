package io.recstream.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.domain.Waveform;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WaveformDocumentTest {

    @Test
    void aWaveform_isSentInTheContractsLayout_bbcAudiowaveformJsonVersion2() {
        Waveform twoChannelsTwoPixels = new Waveform(2, 8000, 80, new byte[] {-3, 4, -100, 127, 0, 0, -128, 1});

        assertThat(new String(WaveformDocument.json(twoChannelsTwoPixels), StandardCharsets.US_ASCII)).isEqualTo(
                "{\"version\":2,\"channels\":2,\"sample_rate\":8000,\"samples_per_pixel\":80,\"bits\":8,\"length\":2,"
                        + "\"data\":[-3,4,-100,127,0,0,-128,1]}");
    }
}
