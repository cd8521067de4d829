package org.passerelle.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;

class DirectoryRecordTest {

    private static DirectoryRecord gateway(String description) {
        return new DirectoryRecord(EntryKind.GATEWAY, "gw-paris",
                Map.of("hostNames", List.of("smtp-paris.test"), "description", List.of(description)));
    }

    @Test
    void itsVersionChangesWithAnyValue() {
        assertEquals(gateway("Paris").version(), gateway("Paris").version());
        assertNotEquals(gateway("Paris").version(), gateway("Paris site").version());
    }

    @Test
    void singleFieldsAreValuesAndMultipleFieldsArrays() {
        JsonObject json = new DirectoryRecord(EntryKind.APPLICATION, "billing",
                Map.of("status", List.of("active"), "rateLimit", List.of("1000"), "networks", List.of("10.0.0.0/24"))).toJson();
        assertEquals("active", json.getString("status"));
        assertEquals(1000, json.getInt("rateLimit"));
        assertEquals(List.of("10.0.0.0/24"), json.getJsonArray("networks").getValuesAs(JsonString::getString));
        assertTrue(json.isNull("entity"));
    }

    @Test
    void whatAReadReturnedCanBeSentBackWithItsShownFieldsIgnored() {
        JsonObject read = new DirectoryRecord(EntryKind.APPLICATION, "billing",
                Map.of("status", List.of("active"), "managers", List.of("alice"))).toJson();
        DirectoryRecord sent = DirectoryRecord.fromJson(EntryKind.APPLICATION, "billing", read);
        assertEquals(List.of("active"), sent.values("status"));
        assertEquals(List.of(), sent.values("managers"));
    }

    @Test
    void anUnknownFieldOrAWrongTypeIsRefusedByName() {
        DirectoryRecordRefused unknown = assertThrows(DirectoryRecordRefused.class, () ->
                DirectoryRecord.fromJson(EntryKind.ROUTE, "x.test", Json.createObjectBuilder().add("colour", "blue").build()));
        assertEquals("colour", unknown.field());
        DirectoryRecordRefused notAnArray = assertThrows(DirectoryRecordRefused.class, () ->
                DirectoryRecord.fromJson(EntryKind.ACCESS_RULE, "r", Json.createObjectBuilder().add("networks", "10.0.0.0/8").build()));
        assertEquals("networks", notAnArray.field());
    }

    @Test
    void filtersMatchAnyValueIgnoringCase() {
        assertTrue(gateway("Paris").matches(Map.of("hostNames", "SMTP-paris.test", "name", "gw-paris")));
        assertFalse(gateway("Paris").matches(Map.of("description", "Lyon")));
    }

    @Test
    void valuesAreCheckedByTheirType() {
        EntryField networks = EntryKind.APPLICATION.field("networks").orElseThrow();
        assertEquals("networks", assertThrows(DirectoryRecordRefused.class,
                () -> FieldValues.check(networks, "10.0.0.0/33", (unit, name) -> true)).field());
        EntryField status = EntryKind.APPLICATION.field("status").orElseThrow();
        assertEquals("suspended", FieldValues.check(status, " Suspended ", (unit, name) -> true));
        EntryField gateways = EntryKind.APPLICATION.field("gateways").orElseThrow();
        assertEquals("gateways", assertThrows(DirectoryRecordRefused.class,
                () -> FieldValues.check(gateways, "gw-nowhere", (unit, name) -> false)).field());
    }

    @Test
    void aRouteOrDomainTlsPolicyIsOneTheSmtpClientCanRead() {
        for (EntryKind kind : new EntryKind[] {EntryKind.ROUTE, EntryKind.DOMAIN}) {
            EntryField tls = kind.field("tlsPolicy").orElseThrow();
            assertEquals("pslTlsPolicy", tls.attribute());
            assertEquals("verify", FieldValues.check(tls, " verify ", (unit, name) -> true));
            DirectoryRecordRefused refused = assertThrows(DirectoryRecordRefused.class,
                    () -> FieldValues.check(tls, "fingerprint match=AB:CD", (unit, name) -> true));
            assertEquals("tlsPolicy", refused.field());
        }
    }
}
