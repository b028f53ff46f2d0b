// SPDX-License-Identifier: Apache-2.0
/**
 * The upper layer protocol machine (PS3.8 §9.2): states, events and actions as enums, Table 9-10
 * as one text block in {@link org.pacs.dicom.net.ul.TransitionTable}, the ARTIM timer, and {@link
 * org.pacs.dicom.net.ul.UpperLayer} driving one association.
 */
package org.pacs.dicom.net.ul;
