// SPDX-License-Identifier: Apache-2.0

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.pacs.auth.pki.IssuedCertificate;
import org.pacs.auth.pki.Pem;
import org.pacs.auth.tls.TlsContexts;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.Connector;
import org.pacs.dicom.net.Limits;
import org.pacs.dicom.net.acse.AcceptedContext;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.service.Identifiers;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.tls.TlsPolicy;

/**
 * Study-level C-FIND latency on ONE open DICOM-TLS association (what a viewer's worklist does), which
 * DCMTK's findscu cannot show: it opens an association per run. Run from source with the archive's
 * jars on the class path (see archive-vs-orthanc.sh):
 *
 * <pre>
 * java -cp 'server/target/lib/*' scripts/bench/FindLatency.java HOST PORT CALLED CALLING KEY.pem CRT.pem CA.pem \
 *      WARMUP N PatientID=123 'PatientName=DOE*' StudyDate=20200101-20201231
 * </pre>
 *
 * Each query is issued WARMUP times, then N times; every time includes sending the request, reading
 * every pending response and the final one. Prints one tab-separated line per query:
 * {@code query matches median_ms p90_ms min_ms max_ms n}.
 */
public final class FindLatency {
    static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The 15 keys orthanc-bench.sh asks for (study level, return keys empty). */
    static Attributes returnKeys() {
        Attributes a = new Attributes();
        a.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
        a.setNull(Tags.PatientName, VR.PN);
        a.setNull(Tags.PatientID, VR.LO);
        a.setNull(Tags.PatientBirthDate, VR.DA);
        a.setNull(Tags.PatientSex, VR.CS);
        a.setNull(Tags.StudyDate, VR.DA);
        a.setNull(Tags.StudyTime, VR.TM);
        a.setNull(Tags.AccessionNumber, VR.SH);
        a.setNull(Tags.StudyID, VR.SH);
        a.setNull(Tags.StudyDescription, VR.LO);
        a.setNull(Tags.ReferringPhysicianName, VR.PN);
        a.setNull(Tags.StudyInstanceUID, VR.UI);
        a.setNull(Tags.ModalitiesInStudy, VR.CS);
        a.setNull(Tags.NumberOfStudyRelatedSeries, VR.IS);
        a.setNull(Tags.NumberOfStudyRelatedInstances, VR.IS);
        return a;
    }

    static Attributes keys(String query) {
        Attributes a = returnKeys();
        String[] kv = query.split("=", 2);
        switch (kv[0]) {
            case "PatientID" -> a.setString(Tags.PatientID, VR.LO, kv[1]);
            case "PatientName" -> a.setString(Tags.PatientName, VR.PN, kv[1]);
            case "StudyDate" -> a.setString(Tags.StudyDate, VR.DA, kv[1]);
            default -> throw new IllegalArgumentException("unsupported key " + kv[0]);
        }
        return a;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 10) {
            System.err.println("usage: FindLatency HOST PORT CALLED CALLING KEY CRT CA WARMUP N QUERY...");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        PrivateKey key = Pem.readPrivateKey(Path.of(args[4]));
        List<X509Certificate> chain = Pem.readCertificates(Path.of(args[5]));
        List<X509Certificate> ca = Pem.readCertificates(Path.of(args[6]));
        int warmup = Integer.parseInt(args[7]);
        int n = Integer.parseInt(args[8]);
        SSLContext ssl = TlsContexts.client(new IssuedCertificate(chain.getFirst(), key, chain), ca);
        // The archive's certificate is checked against its CA; it names "localhost", not 127.0.0.1.
        TlsPolicy tls = TlsPolicy.bcp195NonDowngrading(ssl, TlsPolicy.ClientAuth.NONE).withoutHostnameVerification();
        Limits limits = Limits.DEFAULTS;
        try (Connector connector = new Connector(limits, tls);
                Association as = connector.connect(host, port, Connector.request(args[2], args[3],
                        List.of(new PresentationContextRQ(1, STUDY_ROOT_FIND, List.of(EXPLICIT_LE, IMPLICIT_LE))),
                        limits), null)) {
            AcceptedContext pc = as.context(1);
            for (int q = 9; q < args.length; q++) {
                byte[] identifier = Identifiers.encode(keys(args[q]), pc.transferSyntax());
                int[] matches = new int[1];
                for (int i = 0; i < warmup; i++) {
                    find(as, pc, identifier, matches);
                }
                double[] ms = new double[n];
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    find(as, pc, identifier, matches);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf("%s\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%d%n", args[q], matches[0], percentile(ms, 50),
                        percentile(ms, 90), ms[0], ms[n - 1], n);
            }
            as.release();
        }
    }

    private static void find(Association as, AcceptedContext pc, byte[] identifier, int[] matches) throws IOException {
        List<byte[]> found = new ArrayList<>();
        int status = Scu.find(as, pc, identifier, found::add, TIMEOUT);
        if (status != Status.SUCCESS) {
            throw new IOException("C-FIND ended with status 0x" + Integer.toHexString(status));
        }
        matches[0] = found.size();
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
