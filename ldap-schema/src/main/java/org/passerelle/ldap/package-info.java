/**
 * The Passerelle directory outside production: the schema as the UnboundID SDK sees it, and the
 * embedded in-memory directory that the run mode and tests use instead of OpenLDAP. The schema
 * files, base tree and sample data themselves are resources under {@code /ldap}.
 */
package org.passerelle.ldap;
