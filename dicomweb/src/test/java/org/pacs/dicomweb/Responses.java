// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.json.JsonReader;
import org.pacs.dicomweb.http.MediaType;
import org.pacs.dicomweb.http.MultipartReader;

/** Reading DICOMweb answers in tests: JSON arrays of data sets, multipart bodies. */
final class Responses {
    private static final BulkData EMPTY = new BulkData() {
        @Override
        public long length() {
            return 0;
        }

        @Override
        public InputStream openStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public boolean bigEndian() {
            return false;
        }
    };

    private Responses() {
    }

    /** One part of a multipart answer: its Content-Type and bytes. */
    record Part(String contentType, byte[] body) {
    }

    static List<Attributes> json(HttpResponse<?> rsp) throws IOException {
        Object body = rsp.body();
        byte[] bytes = body instanceof byte[] b ? b : ((String) body).getBytes(StandardCharsets.UTF_8);
        // BulkDataURIs are checked by fetching them; here they stand for an empty value.
        return JsonReader.create().withBulkDataResolver((uri, tag, vr) -> EMPTY).readAll(new ByteArrayInputStream(bytes));
    }

    static Attributes jsonObject(HttpResponse<String> rsp) throws IOException {
        return JsonReader.create().read(new ByteArrayInputStream(rsp.body().getBytes(StandardCharsets.UTF_8)));
    }

    static List<Part> multipart(HttpResponse<byte[]> rsp) throws IOException {
        MediaType ct = MediaType.parse(rsp.headers().firstValue("Content-Type").orElseThrow());
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(rsp.body()), ct.param("boundary"));
        List<Part> parts = new ArrayList<>();
        for (MultipartReader.Part p; (p = reader.next()) != null; ) {
            parts.add(new Part(p.header("content-type"), p.body().readAllBytes()));
        }
        return parts;
    }
}
