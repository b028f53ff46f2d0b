// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.ElementDictionary;
import org.pacs.dicom.json.BulkDataUris;
import org.pacs.dicom.json.BulkValue;
import org.pacs.dicom.json.Encapsulation;
import org.pacs.dicom.json.PersonNameGroups;

/**
 * Writes a data set in the Native DICOM Model (PS3.19 §A.1) with an {@link XMLStreamWriter}, straight to
 * the output: {@code DicomAttribute} (tag, vr, keyword, privateCreator), {@code Value}, {@code PersonName}
 * with its component groups and components, {@code Item}, {@code BulkData} (uri, or uuid for
 * {@code urn:uuid:} URIs) and {@code InlineBinary}, base64-encoded chunk by chunk. Immutable.
 *
 * <pre>{@code
 * NativeXmlWriter.create().withIndent(true).write(ds, System.out);
 * }</pre>
 */
public final class NativeXmlWriter {
    /** The namespace of the Native DICOM Model schema (PS3.19 §A.1.6). */
    public static final String NAMESPACE = "http://dicom.nema.org/PS3.19/models/NativeDICOM";
    private static final int CHUNK = 3 * 8 * 1024;

    private final boolean indent;
    private final long bulkDataThreshold;
    private final BulkDataUris uris;
    private final ElementDictionary dictionary = ElementDictionary.standard();

    private NativeXmlWriter(boolean indent, long bulkDataThreshold, BulkDataUris uris) {
        this.indent = indent;
        this.bulkDataThreshold = bulkDataThreshold;
        this.uris = uris;
    }

    /** No indentation, every value inline. */
    public static NativeXmlWriter create() {
        return new NativeXmlWriter(false, Long.MAX_VALUE, BulkDataUris.none());
    }

    public NativeXmlWriter withIndent(boolean indent) {
        return new NativeXmlWriter(indent, bulkDataThreshold, uris);
    }

    /** Values of binary VRs longer than {@code threshold} bytes are offered to {@code uris}. */
    public NativeXmlWriter withBulkData(long threshold, BulkDataUris uris) {
        return new NativeXmlWriter(indent, threshold, uris);
    }

    /** Writes one XML document in UTF-8; {@code out} is flushed, not closed. */
    public void write(Attributes ds, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            Output o = new Output(xml);
            xml.writeStartDocument("UTF-8", "1.0");
            o.newline(0);
            xml.writeStartElement("NativeDicomModel");
            xml.writeDefaultNamespace(NAMESPACE);
            xml.writeAttribute("xml:space", "preserve");
            dataSet(o, ds, "", 1);
            o.newline(0);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
            out.flush();
        } catch (XMLStreamException e) {
            throw new IOException("XML output failed: " + e.getMessage(), e);
        }
    }

    private void dataSet(Output o, Attributes ds, String itemPath, int depth) throws XMLStreamException, IOException {
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (!Tag.isGroupLength(tag)) {
                attribute(o, ds, i, itemPath.isEmpty() ? Tag.toHex(tag) : itemPath + "/" + Tag.toHex(tag), depth);
            }
        }
    }

    private void attribute(Output o, Attributes ds, int index, String path, int depth)
            throws XMLStreamException, IOException {
        XMLStreamWriter xml = o.xml;
        int tag = ds.tagAt(index);
        VR vr = ds.vrAt(index);
        Object value = ds.valueAt(index);
        o.newline(depth);
        xml.writeStartElement("DicomAttribute");
        xml.writeAttribute("tag", Tag.toHex(tag));
        xml.writeAttribute("vr", vr.name());
        if (!Tag.isPrivate(tag)) {
            String keyword = dictionary.keywordOf(tag);
            if (!keyword.isEmpty()) {
                xml.writeAttribute("keyword", keyword);
            }
        } else {
            String creator = ds.privateCreatorOf(tag);
            if (creator != null) {
                xml.writeAttribute("privateCreator", Output.clean(creator));
            }
        }
        boolean children;
        if (value instanceof Sequence seq) {
            for (int k = 0; k < seq.size(); k++) {
                o.newline(depth + 1);
                xml.writeStartElement("Item");
                xml.writeAttribute("number", Integer.toString(k + 1));
                dataSet(o, seq.get(k), path + "/" + k, depth + 2);
                if (!seq.get(k).isEmpty()) {
                    o.newline(depth + 1);
                }
                xml.writeEndElement();
            }
            children = !seq.isEmpty();
        } else if (value instanceof Fragments f) {
            children = binary(o, new BulkValue(path, tag, vr, f, Encapsulation.length(f)), depth + 1);
        } else if (value instanceof BulkData b) {
            children = binary(o, new BulkValue(path, tag, vr, b, b.length()), depth + 1);
        } else if (vr.isBulk()) {
            byte[] bytes = ds.encodedBytes(index);
            children = binary(o, new BulkValue(path, tag, vr, bytes, bytes.length), depth + 1);
        } else {
            children = values(o, ds, tag, vr, depth + 1);
        }
        if (children) {
            o.newline(depth);
        }
        xml.writeEndElement();
    }

    private boolean binary(Output o, BulkValue v, int depth) throws XMLStreamException, IOException {
        if (v.length() == 0) {
            return false;
        }
        XMLStreamWriter xml = o.xml;
        String uri = v.length() > bulkDataThreshold ? uris.uriFor(v) : null;
        o.newline(depth);
        if (uri != null) {
            xml.writeEmptyElement("BulkData");
            if (uri.startsWith("urn:uuid:")) {
                xml.writeAttribute("uuid", uri.substring("urn:uuid:".length()));
            } else {
                xml.writeAttribute("uri", uri);
            }
            return true;
        }
        xml.writeStartElement("InlineBinary");
        try (InputStream in = open(v)) {
            Base64.Encoder enc = Base64.getEncoder();
            byte[] chunk = new byte[CHUNK];
            int unit = v.value() instanceof BulkData b && b.bigEndian() ? v.vr().unitSize() : 1;
            int n;
            while ((n = in.readNBytes(chunk, 0, CHUNK)) > 0) {
                if (unit > 1) {
                    swap(chunk, n, unit);
                }
                xml.writeCharacters(enc.encodeToString(n == CHUNK ? chunk : java.util.Arrays.copyOf(chunk, n)));
                if (n < CHUNK) {
                    break;
                }
            }
        }
        xml.writeEndElement();
        return true;
    }

    private static InputStream open(BulkValue v) throws IOException {
        Object value = v.value();
        if (value instanceof Fragments f) {
            return Encapsulation.open(f);
        }
        if (value instanceof BulkData b) {
            return b.openStream();
        }
        return new java.io.ByteArrayInputStream((byte[]) value);
    }

    private boolean values(Output o, Attributes ds, int tag, VR vr, int depth) throws XMLStreamException {
        String[] values = ds.getStrings(tag);
        if (values == null || values.length == 0 || (values.length == 1 && values[0].isEmpty())) {
            return false;
        }
        XMLStreamWriter xml = o.xml;
        for (int k = 0; k < values.length; k++) {
            o.newline(depth);
            String number = Integer.toString(k + 1);
            if (vr == VR.PN) {
                personName(o, values[k], number, depth);
            } else if (values[k].isEmpty()) {
                xml.writeEmptyElement("Value");
                xml.writeAttribute("number", number);
            } else {
                xml.writeStartElement("Value");
                xml.writeAttribute("number", number);
                o.text(values[k]);
                xml.writeEndElement();
            }
        }
        return true;
    }

    /** PS3.19 Table A.1.5-2: groups and their five components, empty ones left out. */
    private void personName(Output o, String pn, String number, int depth) throws XMLStreamException {
        XMLStreamWriter xml = o.xml;
        String[] groups = PersonNameGroups.split(pn);
        boolean any = false;
        for (String g : groups) {
            any |= !g.replace("^", "").isEmpty();
        }
        if (!any) {
            xml.writeEmptyElement("PersonName");
            xml.writeAttribute("number", number);
            return;
        }
        xml.writeStartElement("PersonName");
        xml.writeAttribute("number", number);
        for (int g = 0; g < groups.length; g++) {
            if (groups[g].replace("^", "").isEmpty()) {
                continue;
            }
            o.newline(depth + 1);
            xml.writeStartElement(PersonNameGroups.groupName(g));
            String[] components = groups[g].split("\\^", -1);
            for (int c = 0; c < Math.min(components.length, 5); c++) {
                if (!components[c].isEmpty()) {
                    o.newline(depth + 2);
                    xml.writeStartElement(PersonNameGroups.componentName(c));
                    o.text(components[c]);
                    xml.writeEndElement();
                }
            }
            o.newline(depth + 1);
            xml.writeEndElement();
        }
        o.newline(depth);
        xml.writeEndElement();
    }

    private static void swap(byte[] b, int n, int unit) {
        for (int i = 0; i + unit <= n; i += unit) {
            for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
                byte t = b[lo];
                b[lo] = b[hi];
                b[hi] = t;
            }
        }
    }

    /** The stream writer and the indentation choice. */
    private final class Output {
        final XMLStreamWriter xml;

        Output(XMLStreamWriter xml) {
            this.xml = xml;
        }

        void newline(int depth) throws XMLStreamException {
            if (indent) {
                xml.writeCharacters("\n" + "  ".repeat(depth));
            }
        }

        /**
         * Character data; CR is written as a character reference, since XML parsers turn a literal CR
         * into LF (XML 1.0 §2.11) and text values such as LT keep their CR LF line ends.
         */
        void text(String s) throws XMLStreamException {
            String c = clean(s);
            int start = 0;
            for (int i = c.indexOf('\r'); i >= 0; i = c.indexOf('\r', start)) {
                xml.writeCharacters(c.substring(start, i));
                xml.writeEntityRef("#13");
                start = i + 1;
            }
            xml.writeCharacters(c.substring(start));
        }

        /** XML 1.0 §2.2 allows no C0 controls but tab, LF and CR, and no unpaired surrogates. */
        static String clean(String s) {
            StringBuilder sb = null;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok = c >= 0x20 ? c != 0xFFFE && c != 0xFFFF
                        && (!Character.isSurrogate(c) || (Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1))) || (Character.isLowSurrogate(c) && i > 0
                        && Character.isHighSurrogate(s.charAt(i - 1))))
                        : c == '\t' || c == '\n' || c == '\r';
                if (!ok && sb == null) {
                    sb = new StringBuilder(s.length()).append(s, 0, i);
                }
                if (sb != null) {
                    sb.append(ok ? c : '\uFFFD');
                }
            }
            return sb == null ? s : sb.toString();
        }
    }
}
