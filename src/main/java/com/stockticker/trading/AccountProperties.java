package com.stockticker.trading;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The users who may trade ({@code ticker.accounts}): the desk opens an account for each, with its starting cash, and
 * security lets them log in with their password hash. The two demo accounts are in {@code application.yml}.
 *
 * @param accounts who may log in, with a password hash and the cash they start with
 * @param operators the usernames (of {@code accounts}) who may also reset other users' accounts
 */
@ConfigurationProperties("ticker")
@Validated
public record AccountProperties(@DefaultValue List<@Valid @NotNull Account> accounts, @DefaultValue List<@NotNull String> operators) {

    /**
     * @param username the login name: letters, digits, '.', '_' or '-'
     * @param password the password hash with its encoder id, e.g. {@code {bcrypt}$2a$10$...}; make one with
     *     {@code HashPassword}. Plain passwords ({@code {noop}...}) are refused
     * @param startingCash cash in the account when the service starts
     */
    public record Account(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 letters, digits, '.', '_' or '-'") String username,
            @NotNull @Pattern(regexp = "\\{(?!noop\\})[a-z0-9-]+\\}.+", message = "must be a password hash with its encoder id, such as {bcrypt}$2a$10$..., never a plain password") String password,
            @DefaultValue("100000") @NotNull @PositiveOrZero BigDecimal startingCash) {
    }

    @AssertTrue(message = "operators must be usernames of ticker.accounts")
    public boolean isOperatorsKnown() {
        return operators.stream().allMatch(operator -> accounts.stream().anyMatch(a -> a != null && operator.equals(a.username())));
    }

    @AssertTrue(message = "account usernames must be unique")
    public boolean isUsernamesUnique() {
        return accounts.stream().filter(a -> a != null && a.username() != null).map(Account::username).distinct().count()
                == accounts.stream().filter(a -> a != null && a.username() != null).count();
    }
}
