// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.testing.TestKeys;
import org.pacs.dicom.net.acse.PeerInfo;
import org.pacs.dicom.net.acse.UserIdentityAuthenticator;
import org.pacs.dicom.net.pdu.UserIdentityRQ;
import org.pacs.storage.crypto.KeyRing;

class DicomUserIdentitiesTest {

    static final PeerInfo PEER = new PeerInfo(new InetSocketAddress("127.0.0.1", 40000), List.of());

    @TempDir
    Path dir;
    KeyRing keys;
    TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    EmbeddedIdentity identity;
    DicomUserIdentities dicom;

    @BeforeEach
    void open() throws IOException {
        keys = TestKeys.open(dir);
        identity = EmbeddedIdentity.open(dir, keys, new EmbeddedIdentity.Options(Duration.ofMinutes(5),
                Duration.ofHours(8), 3, "pacs"), PasswordHasherTest.FAST, clock, SignInAudit.NONE);
        identity.accounts().add("rad", Set.of(Role.RADIOLOGIST), Set.of(), "a long radiology pw".toCharArray());
        dicom = DicomUserIdentities.embedded(identity.signIn(), identity.authenticator());
    }

    @AfterEach
    void close() throws IOException {
        keys.close();
    }

    UserIdentityAuthenticator.Result passcode(String user, String pw) {
        return dicom.authenticate(UserIdentityRQ.usernameAndPasscode(user, pw.toCharArray(), true), PEER);
    }

    @Test
    void acceptsTheRightUsernameAndPasscode() {
        var accepted = assertInstanceOf(UserIdentityAuthenticator.Accepted.class, passcode("rad", "a long radiology pw"));
        assertEquals("rad", accepted.identity().principal());
        assertEquals(UserIdentityRQ.USERNAME_AND_PASSCODE, accepted.identity().type());
    }

    @Test
    void refusesAWrongPasscodeAndCountsItTowardsTheLockout() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(UserIdentityAuthenticator.Refused.class, passcode("rad", "wrong wrong wrong"));
        }
        assertInstanceOf(UserIdentityAuthenticator.Refused.class, passcode("rad", "a long radiology pw"));
        assertEquals(3, identity.users().find("rad").orElseThrow().failedAttempts());
    }

    @Test
    void acceptsAJwtOfTheModeAndRefusesOtherText() throws Exception {
        String token = identity.signIn().login("rad", "a long radiology pw".toCharArray(), "127.0.0.1").accessToken();
        var accepted = assertInstanceOf(UserIdentityAuthenticator.Accepted.class, dicom.authenticate(
                new UserIdentityRQ(UserIdentityRQ.JWT, false, token.getBytes(StandardCharsets.US_ASCII), null), PEER));
        assertEquals("rad", accepted.identity().principal());
        assertInstanceOf(UserIdentityAuthenticator.Refused.class, dicom.authenticate(
                new UserIdentityRQ(UserIdentityRQ.JWT, false, "a.b.c".getBytes(StandardCharsets.US_ASCII), null), PEER));
    }

    @Test
    void refusesAUsernameAloneKerberosAndSaml() {
        assertInstanceOf(UserIdentityAuthenticator.Refused.class,
                dicom.authenticate(UserIdentityRQ.username("rad", true), PEER));
        for (int type : new int[] {UserIdentityRQ.KERBEROS, UserIdentityRQ.SAML}) {
            assertInstanceOf(UserIdentityAuthenticator.Refused.class, dicom.authenticate(
                    new UserIdentityRQ(type, false, new byte[] {1, 2, 3}, null), PEER));
        }
    }

    @Test
    void refusesPasscodesInOidcMode() {
        DicomUserIdentities oidc = DicomUserIdentities.oidc(identity.authenticator());
        assertInstanceOf(UserIdentityAuthenticator.Refused.class, oidc.authenticate(
                UserIdentityRQ.usernameAndPasscode("rad", "a long radiology pw".toCharArray(), false), PEER));
    }
}
