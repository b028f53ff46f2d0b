// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.ElementDictionary.Entry;

/**
 * The cross-check sample of docs/dictionary.md: rows transcribed by hand from the standard's own text
 * (the DocBook source of PS3.6 and the pages of dicom.nema.org), not from the generator's inputs.
 * Every row here reads the same in the editions consulted and in 2024c.
 */
class Ps36SampleTest {

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # PS3.6 Table 6-1, Registry of DICOM Data Elements
            (0008,0001) | Length to End                         | LengthToEnd                     | UL          | 1   | RET
            (0008,0005) | Specific Character Set                | SpecificCharacterSet            | CS          | 1-n |
            (0008,0008) | Image Type                            | ImageType                       | CS          | 2-n |
            (0008,0010) | Recognition Code                      | RecognitionCode                 | SH          | 1   | RET
            (0008,0016) | SOP Class UID                         | SOPClassUID                     | UI          | 1   |
            (0008,0024) | Overlay Date                          | OverlayDate                     | DA          | 1   | RET
            (0010,2297) | Responsible Person                    | ResponsiblePerson               | PN          | 1   |
            (0010,4000) | Patient Comments                      | PatientComments                 | LT          | 1   |
            (0012,0063) | De-identification Method              | DeidentificationMethod          | LO          | 1-n |
            (0028,0100) | Bits Allocated                        | BitsAllocated                   | US          | 1   |
            (0028,0104) | Smallest Valid Pixel Value            | SmallestValidPixelValue         | US or SS    | 1   | RET
            (0028,0106) | Smallest Image Pixel Value            | SmallestImagePixelValue         | US or SS    | 1   |
            (0028,08x0) | Code Label                            | CodeLabel                       | CS          | 1-n | RET
            (0028,1050) | Window Center                         | WindowCenter                    | DS          | 1-n |
            (4008,0108) | Interpretation Transcription Date     | InterpretationTranscriptionDate | DA          | 1   | RET
            (4010,1043) | OOI Size                              | OOISize                         | FL          | 3   |
            (60xx,0050) | Overlay Origin                        | OverlayOrigin                   | SS          | 2   |
            (60xx,0052) | Overlay Plane Origin                  | OverlayPlaneOrigin              | US          | 1   | RET
            (60xx,1301) | ROI Area                              | ROIArea                         | IS          | 1   |
            (60xx,3000) | Overlay Data                          | OverlayData                     | OB or OW    | 1   |
            (60xx,4000) | Overlay Comments                      | OverlayComments                 | LT          | 1   | RET
            (7FE0,0010) | Pixel Data                            | PixelData                       | OB or OW    | 1   |
            (7FE0,0020) | Coefficients SDVN                     | CoefficientsSDVN                | OW          | 1   | RET
            (7Fxx,0010) | Variable Pixel Data                   | VariablePixelData               | OB or OW    | 1   | RET
            (7Fxx,0020) | Variable Coefficients SDVN            | VariableCoefficientsSDVN        | OW          | 1   | RET
            (FFFA,FFFA) | Digital Signatures Sequence           | DigitalSignaturesSequence       | SQ          | 1   |
            (FFFC,FFFC) | Data Set Trailing Padding             | DataSetTrailingPadding          | OB          | 1   |
            (FFFE,E000) | Item                                  | Item                            | -           | 1   |
            (FFFE,E0DD) | Sequence Delimitation Item            | SequenceDelimitationItem        | -           | 1   |
            # PS3.6 Table 7-1, Registry of DICOM File Meta Elements
            (0002,0000) | File Meta Information Group Length    | FileMetaInformationGroupLength  | UL          | 1   |
            (0002,0001) | File Meta Information Version         | FileMetaInformationVersion      | OB          | 1   |
            (0002,0010) | Transfer Syntax UID                   | TransferSyntaxUID               | UI          | 1   |
            (0002,0013) | Implementation Version Name           | ImplementationVersionName       | SH          | 1   |
            """)
    void matchesTheRegistryOfDataElements(String tag, String name, String keyword, String vr, String vm, String ret) {
        int value = Tag.parse(tag.replace('x', '0'));
        Entry e = ElementDictionary.standard().lookup(value);
        assertNotNull(e, tag);
        assertEquals(tag, e.pattern());
        assertEquals(name, e.name());
        assertEquals(keyword, e.keyword());
        assertEquals(vr, e.vrs().length == 0 ? "-"
                : Arrays.stream(e.vrs()).map(VR::name).collect(Collectors.joining(" or ")));
        assertEquals(vm, e.vm());
        assertEquals("RET".equals(ret), e.retired());
        assertEquals(e.tag(), ElementDictionary.standard().tagOf(keyword));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # PS3.6 Table A-1, UID Values (a retired UID's name is shown without "(Retired)")
            1.2.840.10008.1.1            | Verification SOP Class                       | SOP Class       |
            1.2.840.10008.1.2            | Implicit VR Little Endian                    | Transfer Syntax |
            1.2.840.10008.1.2.1          | Explicit VR Little Endian                    | Transfer Syntax |
            1.2.840.10008.1.2.1.99       | Deflated Explicit VR Little Endian           | Transfer Syntax |
            1.2.840.10008.1.2.2          | Explicit VR Big Endian                       | Transfer Syntax | RET
            1.2.840.10008.1.2.4.57       | JPEG Lossless, Non-Hierarchical (Process 14) | Transfer Syntax |
            1.2.840.10008.1.2.4.58       | JPEG Lossless, Non-Hierarchical (Process 15) | Transfer Syntax | RET
            1.2.840.10008.1.2.4.80       | JPEG-LS Lossless Image Compression           | Transfer Syntax |
            1.2.840.10008.1.2.4.90       | JPEG 2000 Image Compression (Lossless Only)  | Transfer Syntax |
            1.2.840.10008.1.2.4.91       | JPEG 2000 Image Compression                  | Transfer Syntax |
            1.2.840.10008.1.2.4.94       | JPIP Referenced                              | Transfer Syntax |
            # PS3.4 Table I.4-1 (names as in PS3.6 Table A-1)
            1.2.840.10008.5.1.4.1.1.2    | CT Image Storage                             | SOP Class       |
            1.2.840.10008.5.1.4.1.1.2.1  | Enhanced CT Image Storage                    | SOP Class       |
            1.2.840.10008.5.1.4.1.1.4    | MR Image Storage                             | SOP Class       |
            1.2.840.10008.5.1.4.1.1.7    | Secondary Capture Image Storage              | SOP Class       |
            """)
    void matchesTheRegistryOfUids(String uid, String name, String type, String ret) {
        UidEntry e = UidRegistry.standard().lookup(uid);
        assertNotNull(e, uid);
        assertEquals(name, e.name());
        assertEquals(type, e.type());
        assertEquals("RET".equals(ret), e.retired());
    }
}
