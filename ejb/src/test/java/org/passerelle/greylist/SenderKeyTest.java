package org.passerelle.greylist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;

class SenderKeyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "Alice@Example.ORG, alice@example.org",
            "alice+newsletter@example.org, alice@example.org",
            "list-bounces+bob=corp.test@lists.example.org, list-bounces@lists.example.org",
            "bounce-4711-88123@mailer.example.org, bounce-#-#@mailer.example.org",
            "prvs=1234abcdef=alice@example.org, alice@example.org",
            "PRVS=0987fedcba=Alice@example.org, alice@example.org",
            "btv1==0a1b2c3d4e5==alice@example.org, alice@example.org",
            "SRS0=HHH=TT=origin.example=alice@forwarder.example, alice@origin.example",
            "SRS1=HHH=first.example==HHH=TT=origin.example=alice@second.example, alice@origin.example"
    })
    void bounceTagsAndExtensionsDoNotMakeNewKeys(String sender, String key) {
        assertEquals(key, SenderKey.of(MailAddress.parse(sender)));
    }

    @Test
    void theNullSenderIsTheEmptyKey() {
        assertEquals("", SenderKey.of(null));
    }
}
