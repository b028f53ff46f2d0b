// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import java.util.Map;
import org.pacs.dicom.io.TransferSyntax;

/**
 * The media type in which the frames of an instance are returned without transcoding (PS3.18 §8.7.3.3,
 * Table 8.7.3-2 for uncompressed and Table 8.7.3-3/-4 for compressed bulk data): native pixel data as
 * {@code application/octet-stream} in Explicit VR Little Endian byte order, compressed frames as the
 * codec's image media type. The transfer-syntax parameter is always given, so a client never has to
 * know which syntax is a media type's default.
 *
 * <pre>{@code
 * FrameMediaType t = FrameMediaType.forTransferSyntax("1.2.840.10008.1.2.4.50");
 * t.type();      // "image/jpeg"
 * t.toString();  // "image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.50"
 * }</pre>
 *
 * @param type the media type without parameters
 * @param transferSyntaxUid the value of the transfer-syntax parameter
 */
public record FrameMediaType(String type, String transferSyntaxUid) {
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<String, String> COMPRESSED = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.4.50", "image/jpeg"),   // JPEG Baseline (Process 1)
            Map.entry("1.2.840.10008.1.2.4.51", "image/jpeg"),   // JPEG Extended (Process 2 & 4)
            Map.entry("1.2.840.10008.1.2.4.57", "image/jpeg"),   // JPEG Lossless (Process 14)
            Map.entry("1.2.840.10008.1.2.4.70", "image/jpeg"),   // JPEG Lossless SV1
            Map.entry("1.2.840.10008.1.2.4.80", "image/jls"),    // JPEG-LS Lossless
            Map.entry("1.2.840.10008.1.2.4.81", "image/jls"),    // JPEG-LS Near-Lossless
            Map.entry("1.2.840.10008.1.2.4.90", "image/jp2"),    // JPEG 2000 Lossless Only
            Map.entry("1.2.840.10008.1.2.4.91", "image/jp2"),    // JPEG 2000
            Map.entry("1.2.840.10008.1.2.4.92", "image/jpx"),    // JPEG 2000 Part 2 Multi-component Lossless
            Map.entry("1.2.840.10008.1.2.4.93", "image/jpx"),    // JPEG 2000 Part 2 Multi-component
            Map.entry("1.2.840.10008.1.2.4.110", "image/jxl"),   // JPEG XL Lossless
            Map.entry("1.2.840.10008.1.2.4.111", "image/jxl"),   // JPEG XL JPEG Recompression
            Map.entry("1.2.840.10008.1.2.4.112", "image/jxl"),   // JPEG XL
            Map.entry("1.2.840.10008.1.2.4.201", "image/jphc"),  // HTJ2K Lossless
            Map.entry("1.2.840.10008.1.2.4.202", "image/jphc"),  // HTJ2K Lossless RPCL
            Map.entry("1.2.840.10008.1.2.4.203", "image/jphc"),  // HTJ2K
            Map.entry("1.2.840.10008.1.2.5", "image/dicom-rle"), // RLE Lossless
            Map.entry(TransferSyntax.ENCAPSULATED_UNCOMPRESSED, OCTET_STREAM));

    /**
     * The frame media type for a stored transfer syntax.
     *
     * @throws UnsupportedPixelDataException for the video syntaxes (MPEG-2, MPEG-4, HEVC: PS3.5 §8.2.5–8.2.8),
     *     whose single stream has no separately retrievable frames, and for the JPIP referenced syntaxes,
     *     whose pixel data is not in the object
     */
    public static FrameMediaType forTransferSyntax(String transferSyntaxUid) throws UnsupportedPixelDataException {
        TransferSyntax ts = TransferSyntax.of(transferSyntaxUid);
        if (transferSyntaxUid.equals(TransferSyntax.JPIP_REFERENCED)
                || transferSyntaxUid.equals(TransferSyntax.JPIP_REFERENCED_DEFLATE)) {
            throw new UnsupportedPixelDataException("the pixel data of a JPIP referenced transfer syntax is not "
                    + "stored in the instance");
        }
        if (ts.isNative()) {
            return new FrameMediaType(OCTET_STREAM, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        }
        if (isVideo(transferSyntaxUid)) {
            throw new UnsupportedPixelDataException("transfer syntax " + transferSyntaxUid
                    + " is a video stream: its frames cannot be retrieved one by one; retrieve the instance or "
                    + "its bulk data instead");
        }
        String type = COMPRESSED.get(transferSyntaxUid);
        return new FrameMediaType(type != null ? type : OCTET_STREAM, transferSyntaxUid);
    }

    /** MPEG2, MPEG-4 AVC/H.264 and HEVC/H.265 syntaxes, 1.2.840.10008.1.2.4.100 to .108 (PS3.5 §8.2.5–8.2.8). */
    static boolean isVideo(String uid) {
        String prefix = "1.2.840.10008.1.2.4.";
        if (!uid.startsWith(prefix)) {
            return false;
        }
        String rest = uid.substring(prefix.length());
        return rest.matches("10[0-8](\\.1)?");
    }

    /** The value for a Content-Type header or a multipart part: {@code type; transfer-syntax=uid}. */
    @Override
    public String toString() {
        return type + "; transfer-syntax=" + transferSyntaxUid;
    }
}
