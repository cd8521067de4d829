package org.passerelle.console;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** Lists shown as text in the pages ({@code #{lists.joined(...)}}): names separated by commas, never Java's brackets. */
@Named("lists")
@ApplicationScoped
public class TextLists {

    public String joined(List<String> names) {
        return String.join(", ", names);
    }
}
