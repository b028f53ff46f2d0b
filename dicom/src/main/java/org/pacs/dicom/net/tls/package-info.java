// SPDX-License-Identifier: Apache-2.0
/**
 * DICOM TLS (PS3.15 §B.9): {@link org.pacs.dicom.net.tls.TlsPolicy} restricts a caller's
 * SSLContext to TLS 1.2/1.3 and the BCP 195 non-downgrading cipher suites.
 */
package org.pacs.dicom.net.tls;
