package dev.tocsin.eventing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void addressesInAProviderErrorAreMaskedForLogs() {
        // SMTP relays quote the refused recipient, in angle brackets or bare.
        assertEquals("SMTP relay answered: 550 5.1.1 <<address>>: Recipient address rejected",
                Redaction.maskAddresses("SMTP relay answered: 550 5.1.1 <alice@example.com>: Recipient address rejected"));
        assertEquals("no route to <address> (SMS)", Redaction.maskAddresses("no route to +1 555 123 4567 (SMS)"));
        // Times and counts stay readable.
        assertEquals("retry at 2025-03-01T09:01:05Z, attempt 3",
                Redaction.maskAddresses("retry at 2025-03-01T09:01:05Z, attempt 3"));
    }

    @Test
    void withheldNamesOnlyFieldsThatHadAValue() {
        assertEquals(List.of("address"), Redaction.withheld(false, "address", "a@example.com", "lastError", null));
        assertEquals(List.of(), Redaction.withheld(true, "address", "a@example.com"));
    }

    @Test
    void outsideARequestNothingPrivateIsShown() {
        assertFalse(Redaction.showsContacts());
    }
}
