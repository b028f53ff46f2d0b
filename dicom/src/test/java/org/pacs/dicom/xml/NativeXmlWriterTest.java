// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.xml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class NativeXmlWriterTest {

    private static Document xml(NativeXmlWriter w, Attributes ds) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.write(ds, out);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
    }

    private static Document xml(Attributes ds) throws Exception {
        return xml(NativeXmlWriter.create(), ds);
    }

    /** The DicomAttribute children of {@code parent}. */
    private static List<Element> children(Node parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element attribute(Node parent, int tag) {
        return children(parent, "DicomAttribute").stream()
                .filter(e -> e.getAttribute("tag").equals(Tag.toHex(tag))).findFirst().orElseThrow();
    }

    private static Attributes everyVR() throws ReflectiveOperationException {
        // org.pacs.dicom.io.TestDataSets is package-private: one definition of "every VR" for all codecs.
        Method m = Class.forName("org.pacs.dicom.io.TestDataSets").getDeclaredMethod("everyVR");
        m.setAccessible(true);
        return (Attributes) m.invoke(null);
    }

    @Test
    void rootIsNativeDicomModelInItsNamespace() throws Exception {
        Element root = xml(new Attributes()).getDocumentElement();
        assertEquals("NativeDicomModel", root.getLocalName());
        assertEquals(NativeXmlWriter.NAMESPACE, root.getNamespaceURI());
        assertEquals("preserve", root.getAttribute("xml:space"));
    }

    @Test
    void everyElementOfEveryVrIsAnAttributeWithItsValues() throws Exception {
        Attributes ds = everyVR();
        Element root = xml(NativeXmlWriter.create().withIndent(true), ds).getDocumentElement();
        assertEquals(ds.size(), children(root, "DicomAttribute").size());
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            Element a = attribute(root, tag);
            assertEquals(ds.vrAt(i).name(), a.getAttribute("vr"), Tag.toString(tag));
            VR vr = ds.vrAt(i);
            if (vr.isBulk()) {
                byte[] inline = Base64.getDecoder().decode(children(a, "InlineBinary").get(0).getTextContent());
                assertArrayEquals(ds.getBytes(tag), inline, Tag.toString(tag));
            } else if (vr != VR.SQ && vr != VR.PN) {
                List<String> values = children(a, "Value").stream().map(Element::getTextContent).toList();
                assertEquals(List.of(ds.getStrings(tag)), values, Tag.toString(tag));
            }
        }
        assertEquals("PatientName", attribute(root, 0x00100010).getAttribute("keyword"));
    }

    @Test
    void valuesAndItemsAreNumberedFromOne() throws Exception {
        Attributes ds = new Attributes();
        ds.setString(0x00080008, VR.CS, "ORIGINAL", "", "AXIAL");
        var seq = ds.newSequence(0x00081110, 2);
        seq.addItem();
        seq.addItem().setString(0x00081150, VR.UI, "1.2.3");
        Element root = xml(ds).getDocumentElement();
        List<Element> values = children(attribute(root, 0x00080008), "Value");
        assertEquals(List.of("1", "2", "3"), values.stream().map(e -> e.getAttribute("number")).toList());
        assertEquals("", values.get(1).getTextContent());
        List<Element> items = children(attribute(root, 0x00081110), "Item");
        assertEquals(List.of("1", "2"), items.stream().map(e -> e.getAttribute("number")).toList());
        assertEquals("1.2.3", children(attribute(items.get(1), 0x00081150), "Value").get(0).getTextContent());
    }

    @Nested
    class PersonNames {
        @Test
        void groupsAndComponentsAreElements() throws Exception {
            Attributes ds = new Attributes();
            ds.setString(0x00080005, VR.CS, "ISO_IR 192");
            ds.setString(0x00100010, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう", "^Bob^^Dr.", "", "==ph^on");
            Element pn = attribute(xml(ds).getDocumentElement(), 0x00100010);
            List<Element> names = children(pn, "PersonName");
            assertEquals(4, names.size());
            Element ideographic = children(names.get(0), "Ideographic").get(0);
            assertEquals("山田", children(ideographic, "FamilyName").get(0).getTextContent());
            assertEquals("太郎", children(ideographic, "GivenName").get(0).getTextContent());
            Element bob = children(names.get(1), "Alphabetic").get(0);
            assertEquals(List.of("GivenName", "NamePrefix"), elementNames(bob));
            assertEquals("Dr.", children(bob, "NamePrefix").get(0).getTextContent());
            assertNull(names.get(2).getFirstChild(), "empty value: empty PersonName");
            assertEquals(List.of("Phonetic"), elementNames(names.get(3)));
        }

        private static List<String> elementNames(Element e) {
            List<String> out = new ArrayList<>();
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element c) {
                    out.add(c.getLocalName());
                }
            }
            return out;
        }
    }

    @Nested
    class PrivateAndBulk {
        @Test
        void privateElementsNameTheirCreator() throws Exception {
            Attributes ds = new Attributes();
            int t = ds.reservePrivateTag("ACME 1.0", 0x0029, 0x10);
            ds.setString(t, VR.LO, "x");
            Element root = xml(ds).getDocumentElement();
            Element priv = attribute(root, t);
            assertEquals("ACME 1.0", priv.getAttribute("privateCreator"));
            assertTrue(priv.getAttribute("keyword").isEmpty());
        }

        @Test
        void bulkDataAboveTheThresholdIsAUriOrUuid() throws Exception {
            Attributes ds = new Attributes();
            ds.setBytes(0x7FE00010, VR.OW, new byte[100]);
            ds.setBytes(0x00660023, VR.OW, new byte[100]);
            ds.setBytes(0x00091001, VR.OB, new byte[] {1, 2, 3, 4});
            Element root = xml(NativeXmlWriter.create().withBulkData(50, v -> v.tag() == 0x7FE00010
                    ? "https://pacs.example/bulk/1" : "urn:uuid:0c8e2d57-0000-4000-8000-000000000001"), ds)
                    .getDocumentElement();
            assertEquals("https://pacs.example/bulk/1",
                    children(attribute(root, 0x7FE00010), "BulkData").get(0).getAttribute("uri"));
            assertEquals("0c8e2d57-0000-4000-8000-000000000001",
                    children(attribute(root, 0x00660023), "BulkData").get(0).getAttribute("uuid"));
            assertEquals("AQIDBA==", children(attribute(root, 0x00091001), "InlineBinary").get(0).getTextContent());
        }

        @Test
        void encapsulatedPixelDataIsInlinedAsItsItemStream() throws Exception {
            Method m = Class.forName("org.pacs.dicom.io.TestDataSets").getDeclaredMethod("encapsulated");
            m.setAccessible(true);
            Attributes ds = (Attributes) m.invoke(null);
            Element root = xml(ds).getDocumentElement();
            byte[] b = Base64.getDecoder().decode(children(attribute(root, 0x7FE00010), "InlineBinary").get(0).getTextContent());
            assertEquals(3 * 8 + 4 + 2, b.length);
        }
    }

    @Test
    void charactersXmlCannotCarryAreReplaced() throws Exception {
        Attributes ds = new Attributes();
        ds.setString(0x00104000, VR.LT, "a\u0001b\tc");
        Element lt = attribute(xml(ds).getDocumentElement(), 0x00104000);
        assertEquals("a\uFFFDb\tc", children(lt, "Value").get(0).getTextContent());
    }

    @Test
    void emptyElementHasNoChildren() throws Exception {
        Attributes ds = new Attributes();
        ds.setNull(0x00080090, VR.PN);
        ds.newSequence(0x00081110, 0);
        Element root = xml(ds).getDocumentElement();
        assertNull(attribute(root, 0x00080090).getFirstChild());
        assertNull(attribute(root, 0x00081110).getFirstChild());
    }
}
