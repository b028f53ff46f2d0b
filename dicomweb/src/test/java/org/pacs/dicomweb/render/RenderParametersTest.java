// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RenderParametersTest {
    @Nested
    class WindowParameter {
        @Test
        void parsesCenterWidthAndFunction() throws Exception {
            assertEquals(new Window(40, 400, VoiFunction.LINEAR), Window.parse("40,400"));
            assertEquals(new Window(-600.5, 1500, VoiFunction.SIGMOID), Window.parse("-600.5,1500,sigmoid"));
            assertEquals(new Window(0, 0.5, VoiFunction.LINEAR_EXACT), Window.parse("0,0.5,linear-exact"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"40", "40,", "a,400", "40,400,cubic", "40,0", "40,0.5,linear", "40,0,sigmoid",
                "NaN,400", "40,Infinity", "0x10,400", "1,2,3,4"})
        void rejectsMalformedOrOutOfRangeWindows(String value) {
            assertThrows(InvalidRenderParameterException.class, () -> Window.parse(value));
        }
    }

    @Nested
    class ViewportParameter {
        @Test
        void parsesSizeAndRegion() throws Exception {
            assertEquals(Viewport.of(512, 256), Viewport.parse("512,256"));
            assertEquals(new Viewport(0, 256, null), Viewport.parse(",256"));
            assertEquals(new Viewport(128, 0, null), Viewport.parse("128,0"));
            assertEquals(new Viewport(100, 100, new Viewport.Region(10, 20, -30, 0)), Viewport.parse("100,100,10,20,-30,"));
        }

        @ParameterizedTest
        @ValueSource(strings = {",", "0,0", ",0", "-5,10", "10", "a,10", "10,10,1,2,3", "4097,10", "10,10,-1,0,5,5"})
        void rejectsMalformedViewports(String value) {
            assertThrows(InvalidRenderParameterException.class, () -> Viewport.parse(value));
        }

        @ParameterizedTest
        @CsvSource({"512,512,200,100,512,256", "0,50,200,100,100,50", "30,0,200,100,30,15", "10,10,1000,1,10,1",
            "4096,0,1,60000,1,4096", "0,4096,2,1,4096,2048"})
        void fitsKeepingTheAspectRatio(int vw, int vh, int w, int h, int ow, int oh) {
            int[] size = new Viewport(vw, vh, null).fit(w, h);
            assertEquals(ow, size[0]);
            assertEquals(oh, size[1]);
        }
    }

    @Nested
    class QualityAndDefaults {
        @Test
        void defaultsToNoWindowNoViewportAndQuality90() throws Exception {
            RenderParameters p = RenderParameters.parse(null, null, null, null);
            assertNull(p.window());
            assertNull(p.viewport());
            assertEquals(90, p.quality());
            assertEquals(RenderedMediaType.JPEG, p.mediaType());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "101", "50.5", "high", ""})
        void rejectsQualityOutside1To100(String q) {
            assertThrows(InvalidRenderParameterException.class, () -> RenderParameters.parse(null, null, q, null));
        }

        @Test
        void knowsItsMediaTypes() {
            assertEquals(RenderedMediaType.PNG, RenderedMediaType.of("image/PNG; q=0.9"));
            assertEquals(RenderedMediaType.JPEG, RenderedMediaType.of("image/jpeg"));
            assertNull(RenderedMediaType.of("image/gif"));
        }
    }
}
