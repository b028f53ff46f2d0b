// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

import java.util.Objects;
import org.pacs.auth.identity.Principal;

/**
 * Who made an HTTP request: the authenticated principal and the client's address. Built once per
 * request by the authentication filter; never cached across requests.
 */
public record Caller(Principal principal, String address) {
    /** The request attribute holding the caller. */
    public static final String ATTRIBUTE = Caller.class.getName();

    public Caller {
        Objects.requireNonNull(principal, "principal");
        address = address == null ? "" : address;
    }

    public String name() {
        return principal.name();
    }
}
