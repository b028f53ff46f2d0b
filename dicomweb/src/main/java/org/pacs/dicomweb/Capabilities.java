// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import java.util.List;

/**
 * The Retrieve Capabilities answer (PS3.18 §8.9): the resources and methods this server offers, as a
 * WADL document ({@code application/vnd.sun.wadl+xml}, the default) or the same as JSON.
 */
final class Capabilities {
    /** Path, methods, media types answered. */
    record Resource(String path, String methods, String produces) {
    }

    static final List<Resource> RESOURCES = List.of(
            new Resource("studies", "GET POST", "application/dicom+json multipart/related"),
            new Resource("series", "GET", "application/dicom+json multipart/related"),
            new Resource("instances", "GET", "application/dicom+json multipart/related"),
            new Resource("studies/{study}", "GET POST", "multipart/related application/dicom+json"),
            new Resource("studies/{study}/metadata", "GET", "application/dicom+json"),
            new Resource("studies/{study}/series", "GET", "application/dicom+json multipart/related"),
            new Resource("studies/{study}/instances", "GET", "application/dicom+json multipart/related"),
            new Resource("studies/{study}/series/{series}", "GET", "multipart/related"),
            new Resource("studies/{study}/series/{series}/metadata", "GET", "application/dicom+json"),
            new Resource("studies/{study}/series/{series}/instances", "GET",
                    "application/dicom+json multipart/related"),
            new Resource("studies/{study}/series/{series}/instances/{instance}", "GET", "multipart/related application/dicom"),
            new Resource("studies/{study}/series/{series}/instances/{instance}/metadata", "GET",
                    "application/dicom+json"),
            new Resource("studies/{study}/series/{series}/instances/{instance}/bulkdata/{path}", "GET",
                    "multipart/related application/octet-stream"));

    private Capabilities() {
    }

    static String wadl(String base) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<application xmlns=\"http://wadl.dev.java.net/2009/02\">\n")
                .append("  <resources base=\"").append(xml(base)).append("/\">\n");
        for (Resource r : RESOURCES) {
            sb.append("    <resource path=\"").append(xml(r.path())).append("\">\n");
            for (String m : r.methods().split(" ")) {
                sb.append("      <method name=\"").append(m).append("\">\n        <response>\n");
                for (String p : r.produces().split(" ")) {
                    sb.append("          <representation mediaType=\"").append(p).append("\"/>\n");
                }
                sb.append("        </response>\n      </method>\n");
            }
            sb.append("    </resource>\n");
        }
        return sb.append("  </resources>\n</application>\n").toString();
    }

    static String json(String base) {
        StringBuilder sb = new StringBuilder("{\"base\":\"").append(base.replace("\"", "")).append("/\",\"resources\":[");
        for (int i = 0; i < RESOURCES.size(); i++) {
            Resource r = RESOURCES.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"path\":\"").append(r.path()).append("\",\"methods\":[");
            String[] ms = r.methods().split(" ");
            for (int k = 0; k < ms.length; k++) {
                sb.append(k == 0 ? "" : ",").append('"').append(ms[k]).append('"');
            }
            sb.append("],\"mediaTypes\":[");
            String[] ps = r.produces().split(" ");
            for (int k = 0; k < ps.length; k++) {
                sb.append(k == 0 ? "" : ",").append('"').append(ps[k]).append('"');
            }
            sb.append("]}");
        }
        return sb.append("]}").toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
