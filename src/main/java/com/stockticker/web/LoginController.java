package com.stockticker.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form; Spring Security handles its POST, the error and the logout. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
