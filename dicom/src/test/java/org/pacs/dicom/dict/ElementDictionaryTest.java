// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.dict;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.ElementDictionary.Entry;

class ElementDictionaryTest {
    private static final ElementDictionary DICT = ElementDictionary.standard();

    @Nested
    class KeywordsAndTags {
        @Test
        void findsTagByKeywordAndKeywordByTag() {
            assertEquals(0x00100010, DICT.tagOf("PatientName"));
            assertEquals("PatientName", DICT.keywordOf(0x00100010));
            assertEquals(Tags.PatientName, DICT.tagOf("PatientName"));
            assertEquals("Patient's Name", DICT.lookup(Tags.PatientName).name());
        }

        @Test
        void answersMinusOneAndEmptyForUnknowns() {
            assertEquals(-1, DICT.tagOf("NoSuchKeyword"));
            assertEquals(-1, DICT.tagOf(""));
            assertEquals("", DICT.keywordOf(0x00080002));
            assertNull(DICT.lookup(0x00080002));
            assertEquals(VR.UN, DICT.vrOf(0x00080002));
        }

        @Test
        void isTheSameInstanceEveryTime() {
            assertSame(DICT, ElementDictionary.standard());
        }

        @Test
        void holdsTheWholeRegistry() {
            assertTrue(DICT.entries().size() > 5000, "PS3.6 has over 5,000 data elements");
            assertThrows(UnsupportedOperationException.class, () -> DICT.entries().clear());
        }

        @Test
        void everyKeywordRoundTripsThroughItsTag() {
            List<String> failures = new ArrayList<>();
            int checked = 0;
            for (Entry e : DICT.entries()) {
                if (e.keyword().isEmpty()) {
                    continue; // PS3.6 Table 6-1 Note 3: a few retired placeholders have no keyword
                }
                checked++;
                int tag = representativeOf(e);
                if (!DICT.keywordOf(tag).equals(e.keyword()) || DICT.tagOf(e.keyword()) != e.tag()) {
                    failures.add(e + " via " + Tag.toString(tag));
                }
            }
            assertTrue(checked > 5000);
            assertEquals(List.of(), failures);
        }

        @Test
        void generatedConstantsAgreeWithTheResource() throws IllegalAccessException {
            int constants = 0;
            for (Field f : Tags.class.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                    constants++;
                    assertEquals(DICT.tagOf(f.getName()), f.getInt(null), f.getName());
                }
            }
            long keywords = DICT.entries().stream().filter(e -> !e.keyword().isEmpty()).count();
            assertEquals(keywords, constants);
        }
    }

    @Nested
    class RepeatingGroupsAndRanges {
        @ParameterizedTest
        @ValueSource(ints = {0x60003000, 0x60023000, 0x600E3000, 0x601E3000})
        void resolvesOverlayDataInEveryEvenOverlayGroup(int tag) {
            Entry e = DICT.lookup(tag);
            assertEquals("OverlayData", e.keyword());
            assertEquals(0x60003000, e.tag());
            assertTrue(e.isPattern());
            assertEquals("(60xx,3000)", e.pattern());
            assertArrayEquals(new VR[] {VR.OB, VR.OW}, e.vrs());
        }

        @ParameterizedTest
        @ValueSource(ints = {0x60203000, 0x60FE3000})
        void leavesGroupsBeyond601EUnknown(int tag) {
            // PS3.5 §7.6: repeating groups are only allowed in the even groups 6000-601E.
            assertNull(DICT.lookup(tag));
        }

        @Test
        void treatsOddOverlayGroupsAsPrivate() {
            // PS3.5 §7.6: 6001-601F are private groups without repeating semantics.
            assertNull(DICT.lookup(0x60013000));
            assertEquals("PrivateCreator", DICT.keywordOf(0x60010010));
        }

        @Test
        void resolvesOtherOverlayElements() {
            assertEquals("OverlayRows", DICT.keywordOf(0x60040010));
            assertEquals(VR.SS, DICT.vrOf(0x60060050));
            assertEquals("2", DICT.lookup(0x60060050).vm());
        }

        @Test
        void resolvesRetiredCurvesAndVariablePixelData() {
            assertEquals("CurveData", DICT.keywordOf(0x50023000));
            assertTrue(DICT.lookup(0x50023000).retired());
            assertEquals("VariablePixelData", DICT.keywordOf(0x7F100010));
            assertTrue(DICT.lookup(0x7F100010).retired());
        }

        @Test
        void prefersTheExactRowOverAPattern() {
            // (7FE0,0010) Pixel Data also matches (7Fxx,0010) Variable Pixel Data.
            Entry e = DICT.lookup(Tag.PIXEL_DATA);
            assertEquals("PixelData", e.keyword());
            assertFalse(e.isPattern());
            assertFalse(e.retired());
        }

        @Test
        void resolvesElementRanges() {
            assertAll(
                    () -> assertEquals("SourceImageIDs", DICT.keywordOf(0x00203100)),
                    () -> assertEquals("SourceImageIDs", DICT.keywordOf(0x002031FF)),
                    () -> assertEquals("(0020,31xx)", DICT.lookup(0x002031A5).pattern()),
                    () -> assertEquals("EscapeTriplet", DICT.keywordOf(0x10000010)),
                    () -> assertEquals("EscapeTriplet", DICT.keywordOf(0x1000FFF0)),
                    () -> assertEquals("RunLengthTriplet", DICT.keywordOf(0x10000011)),
                    () -> assertEquals("(1000,xxx0)", DICT.lookup(0x10001230).pattern()),
                    () -> assertEquals("ZonalMap", DICT.keywordOf(0x10101234)),
                    () -> assertEquals("(1010,xxxx)", DICT.lookup(0x10101234).pattern()),
                    () -> assertEquals("CodeLabel", DICT.keywordOf(0x00280830)),
                    () -> assertEquals("RowsForNthOrderCoefficients", DICT.keywordOf(0x00280420)));
        }

        @Test
        void givesTheBaseValueForPatternKeywords() {
            assertEquals(0x60003000, DICT.tagOf("OverlayData"));
            assertEquals(0x60003000, Tags.OverlayData);
            assertEquals(0x00203100, DICT.tagOf("SourceImageIDs"));
            assertEquals(0x10100000, Tags.ZonalMap);
        }
    }

    @Nested
    class GroupLength {
        @Test
        void usesTheRegistryRowsOfGroups0000And0002() {
            assertEquals("CommandGroupLength", DICT.keywordOf(0x00000000));
            assertEquals("FileMetaInformationGroupLength", DICT.keywordOf(0x00020000));
            assertFalse(DICT.lookup(0x00020000).retired());
        }

        @ParameterizedTest
        @ValueSource(ints = {0x00080000, 0x00100000, 0x7FE00000, 0x00090000, 0x60020000, 0x10100000})
        void givesEveryOtherGroupARetiredUlGroupLength(int tag) {
            // PS3.5 §7.2; (1010,0000) is the group length, not the (1010,xxxx) Zonal Map.
            Entry e = DICT.lookup(tag);
            assertEquals("GroupLength", e.keyword());
            assertEquals(VR.UL, DICT.vrOf(tag));
            assertEquals("1", e.vm());
            assertTrue(e.retired());
        }
    }

    @Nested
    class PrivateCreator {
        @ParameterizedTest
        @ValueSource(ints = {0x00090010, 0x002900FF, 0x7FE10010, 0xFFFD0042})
        void givesLoPrivateCreatorToElements0010To00FFOfPrivateGroups(int tag) {
            Entry e = DICT.lookup(tag);
            assertEquals("PrivateCreator", e.keyword());
            assertEquals(VR.LO, DICT.vrOf(tag));
            assertFalse(e.retired());
        }

        @ParameterizedTest
        @ValueSource(ints = {0x00091010, 0x0009000F, 0x00291000})
        void leavesOtherPrivateElementsUnknown(int tag) {
            assertNull(DICT.lookup(tag));
            assertEquals(VR.UN, DICT.vrOf(tag));
            assertEquals("", DICT.keywordOf(tag));
        }

        @Test
        void doesNotTreatStandardOrIllegalGroupsAsPrivate() {
            assertEquals("RecognitionCode", DICT.keywordOf(0x00080010));
            assertNull(DICT.lookup(0x00030010)); // group 0003 is neither standard nor private
        }
    }

    @Nested
    class ValueRepresentations {
        @Test
        void keepsEveryAlternativeInTheRegistrysOrder() {
            assertArrayEquals(new VR[] {VR.US, VR.SS}, DICT.lookup(Tags.SmallestImagePixelValue).vrs());
            assertArrayEquals(new VR[] {VR.OB, VR.OW}, DICT.lookup(Tags.PixelData).vrs());
            assertArrayEquals(new VR[] {VR.US, VR.OW}, DICT.lookup(Tags.LUTData).vrs());
            assertArrayEquals(new VR[] {VR.US, VR.SS, VR.OW}, DICT.lookup(Tags.GrayLookupTableData).vrs());
            assertTrue(DICT.lookup(Tags.PixelData).hasAlternativeVrs());
            assertFalse(DICT.lookup(Tags.PatientName).hasAlternativeVrs());
        }

        @Test
        void answersTheFirstListedVr() {
            assertEquals(VR.US, DICT.vrOf(Tags.SmallestImagePixelValue));
            assertEquals(VR.OB, DICT.vrOf(Tags.PixelData));
            assertEquals(VR.PN, DICT.vrOf(Tags.PatientName));
            assertEquals(VR.SQ, DICT.vrOf(Tags.ReferencedStudySequence));
        }

        @Test
        void givesItemsAndDelimitersNoVr() {
            for (int tag : new int[] {Tag.ITEM, Tag.ITEM_DELIMITATION, Tag.SEQUENCE_DELIMITATION}) {
                Entry e = DICT.lookup(tag);
                assertNotNull(e);
                assertEquals(0, e.vrs().length);
                assertEquals(VR.UN, DICT.vrOf(tag));
            }
        }

        @Test
        void protectsItsVrArraysFromCallers() {
            Entry e = DICT.lookup(Tags.PixelData);
            e.vrs()[0] = VR.UN;
            assertEquals(VR.OB, e.vrs()[0]);
        }

        @Test
        void knowsTheVrsAddedInRecentEditions() {
            assertEquals(VR.SV, DICT.vrOf(Tags.SelectorSVValue));
            assertEquals(VR.UV, DICT.vrOf(Tags.SelectorUVValue));
            assertEquals(VR.OV, DICT.vrOf(Tags.ExtendedOffsetTable));
            assertEquals(VR.UR, DICT.vrOf(Tags.RetrieveURL));
        }
    }

    @Nested
    class Retired {
        @Test
        void flagsRetiredElements() {
            assertTrue(DICT.lookup(Tags.LengthToEnd).retired());
            assertTrue(DICT.lookup(0x60004000).retired()); // (60xx,4000) Overlay Comments
            assertFalse(DICT.lookup(Tags.PatientName).retired());
            assertFalse(DICT.lookup(Tags.OverlayData).retired());
        }

        @Test
        void keepsRetiredPlaceholdersWithoutKeyword() {
            // PS3.6 Table 6-1 Note 3: some retired rows have no name or keyword.
            Entry e = DICT.lookup(0x00080202);
            assertNotNull(e);
            assertEquals("", e.keyword());
            assertTrue(e.retired());
        }
    }

    @Nested
    class EntryRecord {
        @Test
        void rejectsATagWithBitsOutsideItsMask() {
            assertThrows(IllegalArgumentException.class,
                    () -> new Entry(0x60013000, 0xFF00FFFF, new VR[] {VR.OW}, "1", "X", "X", false));
        }

        @Test
        void comparesVrsByContent() {
            Entry a = new Entry(0x00100010, -1, new VR[] {VR.PN}, "1", "PatientName", "Patient's Name", false);
            Entry b = new Entry(0x00100010, -1, new VR[] {VR.PN}, "1", "PatientName", "Patient's Name", false);
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
            assertEquals(DICT.lookup(Tags.PatientName), a);
            assertEquals("(0010,0010) PatientName PN 1", a.toString());
        }
    }

    /** A tag the entry stands for: itself, or for a pattern one with its open digits filled in. */
    static int representativeOf(Entry e) {
        // Group 60xx -> 6002 etc., element xxx0 -> 1110, so the pick is never a group length (gggg,0000).
        return e.tag() | (~e.mask() & 0x00021111);
    }
}
