// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UidRegistryTest {
    private static final UidRegistry UIDS = UidRegistry.standard();

    @Nested
    class Lookup {
        @Test
        void findsNameKeywordTypeAndRetiredFlag() {
            UidEntry e = UIDS.lookup("1.2.840.10008.5.1.4.1.1.2");
            assertEquals(new UidEntry("1.2.840.10008.5.1.4.1.1.2", "CT Image Storage", "CTImageStorage",
                    UidEntry.SOP_CLASS, false), e);
            assertEquals("CT Image Storage", UIDS.nameOf(UID.CTImageStorage));
            assertTrue(UIDS.lookup(UID.ExplicitVRBigEndian).retired());
        }

        @Test
        void answersNullOrEmptyForUidsOutsideTheRegistry() {
            assertNull(UIDS.lookup("1.2.3.4"));
            assertEquals("", UIDS.nameOf("1.2.3.4"));
            assertNull(UIDS.uidOf("NoSuchKeyword"));
        }

        @Test
        void findsUidByKeyword() {
            assertEquals("1.2.840.10008.1.2.1", UIDS.uidOf("ExplicitVRLittleEndian"));
            assertEquals("1.2.840.10008.1.1", UIDS.uidOf("Verification"));
        }

        @Test
        void coversEveryKindOfUidInTableA1AndA2() {
            Set<String> types = new HashSet<>();
            UIDS.entries().forEach(e -> types.add(e.type()));
            assertTrue(types.containsAll(Set.of(UidEntry.SOP_CLASS, UidEntry.TRANSFER_SYNTAX, UidEntry.META_SOP_CLASS,
                    "Well-known frame of reference", "Well-known SOP Instance", "Coding Scheme", "LDAP OID",
                    "Application Context Name", "Service Class")), types.toString());
            assertTrue(UIDS.entries().size() > 450);
            assertEquals("Well-known frame of reference", UIDS.lookup(UID.TalairachBrainAtlas).type());
            assertEquals("DICOM Application Context Name", UIDS.nameOf(UID.DICOMApplicationContext));
        }

        @Test
        void isTheSameInstanceEveryTime() {
            assertSame(UIDS, UidRegistry.standard());
        }

        @Test
        void generatedConstantsAgreeWithTheResource() throws IllegalAccessException {
            int constants = 0;
            for (Field f : UID.class.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                    constants++;
                    assertEquals(UIDS.uidOf(f.getName()), f.get(null), f.getName());
                }
            }
            long keywords = UIDS.entries().stream().filter(e -> !e.keyword().isEmpty()).count();
            assertEquals(keywords, constants);
        }
    }

    @Nested
    class TransferSyntax {
        @ParameterizedTest
        @ValueSource(strings = {UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian, UID.ExplicitVRBigEndian,
                UID.DeflatedExplicitVRLittleEndian, UID.JPEGBaseline8Bit, UID.JPEG2000Lossless, UID.RLELossless})
        void recognisesTransferSyntaxesIncludingRetiredOnes(String uid) {
            assertTrue(UIDS.isTransferSyntax(uid));
        }

        @ParameterizedTest
        @ValueSource(strings = {UID.Verification, UID.CTImageStorage, "1.2.3.4", ""})
        void rejectsEverythingElse(String uid) {
            assertFalse(UIDS.isTransferSyntax(uid));
        }
    }

    @Nested
    class StorageSopClass {
        @ParameterizedTest
        @ValueSource(strings = {UID.CTImageStorage, UID.MRImageStorage, UID.SecondaryCaptureImageStorage,
                UID.DigitalXRayImageStorageForPresentation, UID.DigitalXRayImageStorageForProcessing,
                UID.EnhancedSRStorage, UID.EncapsulatedPDFStorage, UID.UltrasoundImageStorageRetired,
                UID.TextSRStorageTrial, UID.StoredPrintStorage, UID.InventoryStorage})
        void recognisesStorageSopClassesByName(String uid) {
            assertTrue(UIDS.isStorageSopClass(uid), UIDS.nameOf(uid));
        }

        @ParameterizedTest
        @ValueSource(strings = {UID.StorageCommitmentPushModel, UID.StorageManagementInstance, UID.Verification,
                UID.MediaStorageDirectoryStorage, UID.ExplicitVRLittleEndian, UID.StudyRootQueryRetrieveInformationModelFind,
                UID.BasicGrayscalePrintManagementMeta, "1.2.3.4"})
        void rejectsOtherUids(String uid) {
            assertFalse(UIDS.isStorageSopClass(uid), UIDS.nameOf(uid));
        }

        @Test
        void findsAboutTwoHundredOfThem() {
            long storage = UIDS.entries().stream().filter(UidEntry::isStorageSopClass).count();
            assertTrue(storage > 180 && storage < 260, "storage SOP Classes: " + storage);
        }
    }
}
