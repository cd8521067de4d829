package org.passerelle.session;

import java.net.InetAddress;
import java.time.Clock;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import org.passerelle.policy.AuthThrottle;
import org.passerelle.settings.Setting;

/**
 * This node's count of failed SMTP AUTH attempts, shared by all listeners and sessions
 * ({@code PSL_SMTPD_AUTH_FAILURE_CLIENT_LIMIT}, {@code PSL_SMTPD_AUTH_FAILURE_LOGIN_LIMIT},
 * {@code PSL_SMTPD_AUTH_FAILURE_WINDOW_SECONDS}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuthFailures {

    private AuthThrottle throttle;

    @PostConstruct
    void configure() {
        throttle = new AuthThrottle(Setting.integer("psl.smtpd.auth-failure-client-limit"),
                Setting.integer("psl.smtpd.auth-failure-login-limit"),
                Setting.seconds("psl.smtpd.auth-failure-window-seconds"), Clock.systemUTC());
    }

    public String throttled(InetAddress client, String login) {
        return throttle.throttled(client, login);
    }

    public void failed(InetAddress client, String login) {
        throttle.failed(client, login);
    }
}
