package org.passerelle.smtp.server;
class DebugLog { static final java.util.Queue<String> LOG = new java.util.concurrent.ConcurrentLinkedQueue<>(); }
