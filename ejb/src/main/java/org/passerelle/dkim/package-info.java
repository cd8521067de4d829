/**
 * DKIM signing of application mail and DMARC alignment (docs/dkim-and-alignment.md): the central
 * service's keys per signing domain ({@link DkimKeys}), the TXT record each needs in DNS
 * ({@link DkimTxtRecord}) and whether it is there ({@link DkimDnsCheck}); the signature put on an
 * accepted message whose {@code From:} domain has an active key ({@link DkimSigning},
 * {@link MessageSigner}); and whether its {@code From:} aligns with its envelope sender and its
 * signing domain ({@link DmarcAlignment}).
 */
package org.passerelle.dkim;
