package dev.tocsin.eventing.api;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Contact addresses and provider errors (which often quote an address) are shown to admin only.
 * A view shows them as null to everyone else and names each field it withheld in its
 * {@code redacted} list, so a reader can tell "withheld" from "there is none".
 */
public final class Redaction {

    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");
    private static final Pattern PHONE = Pattern.compile("\\+[0-9][0-9 ().-]{6,}[0-9]");

    private Redaction() {
    }

    /**
     * Whether the caller of the current request holds the admin role. False outside a request, so
     * a view built where nobody asked shows nothing private.
     */
    public static boolean showsContacts() {
        ArcContainer arc = Arc.container();
        if (arc == null || !arc.requestContext().isActive()) {
            return false;
        }
        SecurityIdentity identity = arc.instance(SecurityIdentity.class).get();
        return identity != null && !identity.isAnonymous() && identity.hasRole(Roles.ADMIN);
    }

    /**
     * The names of the fields withheld from a viewer: given as name, value pairs, each name whose
     * value is not null; empty when {@code shown}.
     */
    public static List<String> withheld(boolean shown, Object... namesAndValues) {
        List<String> names = new ArrayList<>();
        for (int i = 0; !shown && i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                names.add((String) namesAndValues[i]);
            }
        }
        return List.copyOf(names);
    }

    /** {@code text} with every e-mail address and phone number in it replaced by {@code <address>}, for logs. */
    public static String maskAddresses(String text) {
        if (text == null) {
            return null;
        }
        return PHONE.matcher(EMAIL.matcher(text).replaceAll("<address>")).replaceAll("<address>");
    }
}
