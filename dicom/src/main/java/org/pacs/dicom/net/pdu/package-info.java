// SPDX-License-Identifier: Apache-2.0
/**
 * Upper layer PDUs and items (PS3.8 §9.3): one record per PDU and item, read and written by {@link
 * org.pacs.dicom.net.pdu.PduReader} and {@link org.pacs.dicom.net.pdu.PduWriter} with strict
 * validation and hard caps.
 */
package org.pacs.dicom.net.pdu;
