// SPDX-License-Identifier: Apache-2.0
/**
 * Runtime associations and their configuration: {@link org.pacs.dicom.net.Acceptor} serves
 * incoming associations on virtual threads, {@link org.pacs.dicom.net.Connector} opens outgoing
 * ones, {@link org.pacs.dicom.net.Association} is one running association; {@link
 * org.pacs.dicom.net.Limits} and {@link org.pacs.dicom.net.Connection} are configuration records.
 */
package org.pacs.dicom.net;
