// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.access.PrincipalScopes;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.dimse.PeerAccess;
import org.pacs.auth.access.AccessPolicy;
import org.pacs.auth.access.AeRegistry;
import org.pacs.auth.access.Listener;
import org.pacs.auth.identity.AuthenticationException;
import org.pacs.auth.identity.LocalUser;
import org.pacs.auth.identity.Principal;
import org.pacs.auth.identity.Role;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.ConfigLoader;
import org.pacs.dicom.net.Acceptor;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.Connector;
import org.pacs.dicom.net.Implementation;
import org.pacs.dicom.net.Limits;
import org.pacs.dicom.net.acse.AcceptorSettings;
import org.pacs.dicom.net.acse.TransferCapability;
import org.pacs.dicom.net.acse.TransferSyntaxPreference;
import org.pacs.dicom.net.acse.UserIdentityAuthenticator;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.pdu.UserIdentityRQ;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.service.ServiceRegistry;
import org.pacs.storage.crypto.KeyRing;

/**
 * What {@link RegistryPeerAccess} answers for an association with a DICOM user identity: the user is
 * rebuilt on every request of the association (so disabling a user or revoking a token refuses the next
 * request), the role rules narrow the studies, and the AE must still be allowed by its registration.
 * Each C-ECHO on the loopback association asks the access as C-FIND and C-MOVE/C-GET would.
 */
class RegistryPeerAccessUserIdentityTest {
    static final String ILE = "1.2.840.10008.1.2";
    static final Duration T = Duration.ofSeconds(10);

    @TempDir
    static Path tmp;
    static Path data;
    static KeyRing keys;
    static AeRegistry registry;

    /** The users as they are "now"; tests change them between two requests. */
    final Map<String, LocalUser> users = new ConcurrentHashMap<>();
    /** Tokens that are valid "now", and whose principal they name. */
    final Map<String, Principal> tokens = new ConcurrentHashMap<>();
    /** Per request: what the access answered. */
    final List<Answer> answers = new CopyOnWriteArrayList<>();
    Acceptor acceptor;
    final Connector connector = new Connector(Limits.DEFAULTS, null);

    record Answer(PeerAccess.Decision query, PeerAccess.Decision retrieve, PeerAccess.Decision store,
            AccessScope scope) {
    }

    @BeforeAll
    static void registerAes() throws IOException {
        data = tmp.resolve("pacs-data");
        InitCommandTest.Result init = InitCommandTest.pacs("init", "--data", data.toString(), "--key-type", "ec");
        assertEquals(0, init.status(), init.err());
        for (List<String> ae : List.of(List.of("WS", "store,query,retrieve"), List.of("MODALITY", "store"))) {
            InitCommandTest.Result r = InitCommandTest.pacs("ae", "add", ae.get(0), "--allow", ae.get(1), "--out",
                    tmp.resolve(ae.get(0)).toString(), "--key-type", "ec", "--data", data.toString());
            assertEquals(0, r.status(), r.err());
        }
        keys = ArchiveKeyRing.open(ConfigLoader.load(data, Map.of())).keyRing();
        registry = AeRegistry.open(data, keys);
    }

    @AfterAll
    static void closeKeys() throws Exception {
        keys.close();
    }

    @BeforeEach
    void start() throws IOException {
        // The association-time check: passcode "right" for any known user, any currently valid token.
        UserIdentityAuthenticator authenticator = (id, peer) -> switch (id.type()) {
            case UserIdentityRQ.USERNAME_AND_PASSCODE -> users.containsKey(id.primaryText())
                    && new String(id.secondaryField(), java.nio.charset.StandardCharsets.UTF_8).equals("right")
                    ? UserIdentityAuthenticator.Accepted.of(id.type(), id.primaryText())
                    : new UserIdentityAuthenticator.Refused("wrong passcode");
            case UserIdentityRQ.JWT -> tokens.containsKey(id.primaryText())
                    ? UserIdentityAuthenticator.Accepted.of(id.type(), tokens.get(id.primaryText()).name())
                    : new UserIdentityAuthenticator.Refused("token refused");
            default -> new UserIdentityAuthenticator.Refused("type not accepted");
        };
        UserIdentityPrincipals principals = new UserIdentityPrincipals(name -> Optional.ofNullable(users.get(name)),
                token -> {
                    Principal p = tokens.get(token);
                    if (p == null) {
                        throw new AuthenticationException("token revoked");
                    }
                    return p;
                });
        PrincipalScopes scopes = new PrincipalScopes(user -> user.equals("dr-who") ? Set.of("9.9.9") : Set.of(),
                null);
        PeerAccess access = new RegistryPeerAccess(new AccessPolicy(Set.of("PACS")), registry, Listener.TLS,
                principals, scopes);
        AcceptorSettings settings = new AcceptorSettings(List.of(TransferCapability.scp(Scu.VERIFICATION, ILE)),
                TransferSyntaxPreference.ACCEPTOR, Limits.DEFAULTS.maxPduLength(), Implementation.CLASS_UID,
                Implementation.VERSION_NAME, null, authenticator, false, null);
        ServiceRegistry services = ServiceRegistry.builder().echo(as -> {
            answers.add(new Answer(access.mayQuery(as), access.mayRetrieve(as), access.mayStore(as),
                    access.scope(as)));
            return Status.SUCCESS;
        }).build();
        acceptor = Acceptor.start(new InetSocketAddress("127.0.0.1", 0), settings, services, Limits.DEFAULTS, null);
    }

    @AfterEach
    void stop() {
        acceptor.close();
        connector.close();
    }

    void addUser(String name, Set<Role> roles, Set<String> physicians) {
        Instant now = Instant.now();
        users.put(name, new LocalUser(name, roles, physicians, true, "$hash", 0, null, now, now));
    }

    void disable(String name) {
        LocalUser u = users.get(name);
        users.put(name, new LocalUser(u.name(), u.roles(), u.physicianNames(), false, u.passwordHash(), 0, null,
                u.created(), Instant.now()));
    }

    Association connect(String callingAe, UserIdentityRQ identity) throws IOException {
        AAssociateRQ rq = Connector.request("PACS", callingAe,
                List.of(new PresentationContextRQ(1, Scu.VERIFICATION, ILE)), Limits.DEFAULTS);
        if (identity != null) {
            rq = new AAssociateRQ(rq.calledAeTitle(), rq.callingAeTitle(), rq.presentationContexts(),
                    rq.userInformation().withUserIdentity(identity, null));
        }
        return connector.connect("127.0.0.1", acceptor.port(), rq, null);
    }

    /** One request on the association; returns what the access answered for it. */
    Answer request(Association as) throws IOException {
        int before = answers.size();
        assertEquals(Status.SUCCESS, Scu.echo(as, T));
        assertEquals(before + 1, answers.size());
        return answers.getLast();
    }

    static UserIdentityRQ passcode(String user) {
        return UserIdentityRQ.usernameAndPasscode(user, "right".toCharArray(), false);
    }

    static UserIdentityRQ jwt(String token) {
        return new UserIdentityRQ(UserIdentityRQ.JWT, false, token.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                null);
    }

    @Nested
    class RebuiltOnEveryRequest {
        @Test
        void refusesTheNextRequestOfTheSameAssociationOnceTheUserIsDisabled() throws IOException {
            addUser("rad", Set.of(Role.RADIOLOGIST), Set.of());
            try (Association as = connect("WS", passcode("rad"))) {
                Answer first = request(as);
                assertTrue(first.query().allowed(), first.query()::reason);
                assertTrue(first.scope().isAll());

                disable("rad");
                Answer next = request(as);
                assertFalse(next.query().allowed());
                assertFalse(next.retrieve().allowed());
                assertFalse(next.store().allowed());
                assertTrue(next.query().reason().contains("disabled"), next.query()::reason);
                assertFalse(next.scope().permits("9.9.9", "Anyone"));
            }
        }

        @Test
        void refusesTheNextRequestOnceTheUserIsRemoved() throws IOException {
            addUser("rad", Set.of(Role.RADIOLOGIST), Set.of());
            try (Association as = connect("WS", passcode("rad"))) {
                assertTrue(request(as).query().allowed());
                users.remove("rad");
                Answer next = request(as);
                assertFalse(next.query().allowed());
                assertTrue(next.query().reason().contains("no longer exists"), next.query()::reason);
            }
        }

        @Test
        void refusesTheNextRequestOnceTheTokenIsRevoked() throws IOException {
            tokens.put("token-1", new Principal("rad", Set.of(Role.RADIOLOGIST), Set.of()));
            try (Association as = connect("WS", jwt("token-1"))) {
                assertTrue(request(as).retrieve().allowed());
                tokens.remove("token-1");
                Answer next = request(as);
                assertFalse(next.query().allowed());
                assertFalse(next.retrieve().allowed());
                assertTrue(next.query().reason().contains("no longer valid"), next.query()::reason);
                assertFalse(next.scope().permits("9.9.9", "Anyone"));
            }
        }

        @Test
        void takesNewRolesAndPhysicianNamesFromTheStoreAtTheNextRequest() throws IOException {
            addUser("doc", Set.of(Role.REFERRING_PHYSICIAN), Set.of("Welby^Marcus"));
            try (Association as = connect("WS", passcode("doc"))) {
                assertTrue(request(as).scope().permits("1.1", "Welby^Marcus"));
                addUser("doc", Set.of(Role.REFERRING_PHYSICIAN), Set.of("Kildare^James"));
                Answer next = request(as);
                assertFalse(next.scope().permits("1.1", "Welby^Marcus"));
                assertTrue(next.scope().permits("1.2", "Kildare^James"));
            }
        }
    }

    @Nested
    class RoleRules {
        @Test
        void referringPhysicianSeesOnlyTheirStudiesAndThoseSharedWithThem() throws IOException {
            addUser("dr-who", Set.of(Role.REFERRING_PHYSICIAN), Set.of("Welby^Marcus"));
            try (Association as = connect("WS", passcode("dr-who"))) {
                Answer a = request(as);
                assertTrue(a.query().allowed(), a.query()::reason);
                assertTrue(a.retrieve().allowed(), a.retrieve()::reason);
                assertFalse(a.scope().isAll());
                assertTrue(a.scope().permits("1.1", "WELBY^MARCUS"));
                assertTrue(a.scope().permits("9.9.9", "Other^Doctor"));
                assertFalse(a.scope().permits("1.2", "Other^Doctor"));
            }
        }

        @Test
        void refusesQueryAndRetrieveToAnUploader() throws IOException {
            addUser("up", Set.of(Role.UPLOADER), Set.of());
            try (Association as = connect("WS", passcode("up"))) {
                Answer a = request(as);
                assertFalse(a.query().allowed());
                assertFalse(a.retrieve().allowed());
                assertTrue(a.query().reason().contains("no role that reads studies"), a.query()::reason);
                assertFalse(a.scope().permits("1.1", "Welby^Marcus"));
                // Storing stays the AE's permission.
                assertTrue(a.store().allowed(), a.store()::reason);
            }
        }

        @Test
        void refusesQueryAndRetrieveToAnAuditor() throws IOException {
            addUser("aud", Set.of(Role.AUDITOR), Set.of());
            try (Association as = connect("WS", passcode("aud"))) {
                Answer a = request(as);
                assertFalse(a.query().allowed());
                assertFalse(a.retrieve().allowed());
            }
        }
    }

    @Nested
    class TheAeStillDecides {
        @Test
        void anAdminOnAnAeRegisteredToStoreOnlyMayNotQuery() throws IOException {
            addUser("boss", Set.of(Role.ADMIN), Set.of());
            try (Association as = connect("MODALITY", passcode("boss"))) {
                Answer a = request(as);
                assertFalse(a.query().allowed());
                assertFalse(a.retrieve().allowed());
                assertEquals(AccessScope.none().toString(), a.scope().toString());
            }
        }

        @Test
        void withoutUserIdentityARegisteredAeSeesEveryStudyAsBefore() throws IOException {
            try (Association as = connect("WS", null)) {
                Answer a = request(as);
                assertTrue(a.query().allowed());
                assertTrue(a.scope().isAll());
            }
        }
    }
}
