// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which addresses are reachable from the internet: neither loopback, link-local, private (RFC 1918),
 * shared (RFC 6598, 100.64/10), unique-local IPv6 (RFC 4193, fc00::/7) nor multicast. Literals only:
 * a host name is never resolved here, so the DNS cannot change a verdict.
 */
final class PublicAddresses {
    private PublicAddresses() {
    }

    /** True if {@code text} is an IP literal of a public address; false for names and private addresses. */
    static boolean isPublicLiteral(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!t.matches("[0-9.]+") && !(t.contains(":") && t.matches("[0-9A-Fa-f:.]+"))) {
            return false;
        }
        try {
            return isPublic(InetAddress.getByName(t)); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return !((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64); // 100.64.0.0/10
        }
        return !(a instanceof Inet6Address) || (b[0] & 0xfe) != 0xfc; // fc00::/7
    }

    /** The public addresses of this host's interfaces that are up. */
    static List<String> ofThisHost() {
        List<String> found = new ArrayList<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!n.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(n.getInetAddresses())) {
                    if (isPublic(a)) {
                        found.add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // Interfaces unreadable: say nothing rather than guess.
        }
        return found;
    }
}
