// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

/**
 * The subject alternative names of a server certificate (RFC 5280 §4.2.1.6): each host name as a
 * dNSName, each IPv4/IPv6 literal as an iPAddress. Clients check the name they connected to against
 * these (RFC 6125), not against the subject's CN.
 */
public final class SubjectAltNames {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private SubjectAltNames() {
    }

    /** Lower-cases DNS names, drops duplicates, keeps the order; refuses anything else. */
    public static List<String> normalize(Collection<String> hostnames) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : hostnames) {
            String h = raw.strip();
            if (IPAddress.isValid(h)) {
                out.add(h);
            } else if (isDnsName(h)) {
                out.add(h.toLowerCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException("'" + raw + "' is neither a host name nor an IP address "
                        + "(letters, digits and hyphens in dot-separated labels; no wildcards)");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one host name or IP address");
        }
        return List.copyOf(out);
    }

    static GeneralNames toGeneralNames(List<String> names) {
        List<GeneralName> out = new ArrayList<>();
        for (String n : names) {
            out.add(IPAddress.isValid(n) ? new GeneralName(GeneralName.iPAddress, n)
                    : new GeneralName(GeneralName.dNSName, n));
        }
        return new GeneralNames(out.toArray(GeneralName[]::new));
    }

    /** The DNS names and IP addresses in {@code certificate}, as text. */
    public static List<String> of(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (List<?> n : names) {
                int type = (Integer) n.get(0);
                if (type == GeneralName.dNSName || type == GeneralName.iPAddress) {
                    out.add(String.valueOf(n.get(1)));
                }
            }
            return out;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static boolean isDnsName(String h) {
        if (h.isEmpty() || h.length() > 253 || h.endsWith(".")) {
            return false;
        }
        for (String label : h.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
