// SPDX-License-Identifier: Apache-2.0
/**
 * DIMSE messages (PS3.7 §6.3, Annex E): {@link org.pacs.dicom.net.dimse.CommandSet} with its own
 * Implicit VR Little Endian codec, status classes, and the PDV streams that fragment and
 * reassemble data sets in bounded memory.
 */
package org.pacs.dicom.net.dimse;
