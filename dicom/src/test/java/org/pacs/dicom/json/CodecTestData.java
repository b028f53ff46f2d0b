// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import org.pacs.dicom.data.Attributes;

/**
 * The codec test data sets of {@code org.pacs.dicom.io.TestDataSets} (package-private there, so reached
 * reflectively: one definition of "every VR" for the Part 10 and the JSON/XML round trips), and helpers.
 */
final class CodecTestData {
    private CodecTestData() {
    }

    /** One element of every VR, nested sequences, a private block and native Pixel Data. */
    static Attributes everyVR() {
        return call("everyVR");
    }

    /** Encapsulated Pixel Data: empty Basic Offset Table, two fragments. */
    static Attributes encapsulated() {
        return call("encapsulated");
    }

    private static Attributes call(String name) {
        try {
            Method m = Class.forName("org.pacs.dicom.io.TestDataSets").getDeclaredMethod(name);
            m.setAccessible(true);
            return (Attributes) m.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("org.pacs.dicom.io.TestDataSets." + name + "() not reachable", e);
        }
    }

    static String json(JsonWriter writer, Attributes ds) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(ds, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static String json(Attributes ds) throws IOException {
        return json(JsonWriter.create(), ds);
    }

    static Attributes read(String json) throws IOException {
        return JsonReader.create().read(new java.io.StringReader(json));
    }
}
