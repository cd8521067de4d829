package org.passerelle.directory;

import java.util.List;
import java.util.Locale;

/**
 * A person of {@code ou=people}: their login ({@code uid}), their entry's DN, and every address
 * that is theirs ({@code mail} and {@code mailLocalAddress}, in lower case).
 */
public record Person(String uid, String dn, String displayName, List<String> addresses) {

    public Person {
        addresses = addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    public boolean owns(String address) {
        return addresses.contains(address.toLowerCase(Locale.ROOT));
    }
}
