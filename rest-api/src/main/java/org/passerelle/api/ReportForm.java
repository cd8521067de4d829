package org.passerelle.api;

/**
 * The JSON body that makes a monthly report ({@code {"month": "2026-11", "site": "all"}}) or mails
 * one ({@code {"application": "billing", "site": "all"}}); the site is optional ({@code all}).
 */
public record ReportForm(String month, String site, String application) {
}
