package org.passerelle.greylist;

/** A triplet and what is kept of it, as the API lists them. */
public record GreylistEntry(Triplet triplet, TripletState state) {
}
