// SPDX-License-Identifier: Apache-2.0
/**
 * One interface per DIMSE service as SCP ({@code CEchoScp}, {@code CStoreScp}, {@code CFindScp},
 * {@code CMoveScp}, {@code CGetScp}, the N-services), the {@link
 * org.pacs.dicom.net.service.ServiceRegistry} that routes requests to them, and {@link
 * org.pacs.dicom.net.service.Scu} for the SCU side.
 */
package org.pacs.dicom.net.service;
