package com.stockticker.web;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;

/**
 * Serves the STOMP API's AsyncAPI document ({@link AsyncApiDocumentation}) as JSON and YAML, and as a page rendered
 * from the same document. All three are public, like the REST API's OpenAPI document.
 */
@Controller
class AsyncApiController {

    static final String JSON = "/asyncapi.json";
    static final String YAML = "/asyncapi.yaml";
    static final String PAGE = "/asyncapi";
    static final String YAML_TYPE = "application/yaml";

    private static final YAMLMapper YAML_MAPPER = YAMLMapper.builder()
            // Long descriptions on one line each, rather than folded with escapes.
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES).disable(YAMLWriteFeature.SPLIT_LINES).build();

    private final AsyncApiDocumentation documentation;

    AsyncApiController(AsyncApiDocumentation documentation) {
        this.documentation = documentation;
    }

    @GetMapping(path = JSON, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    AsyncApi json(HttpServletRequest request) {
        return document(request);
    }

    @GetMapping(path = YAML, produces = YAML_TYPE + ";charset=UTF-8")
    @ResponseBody
    String yaml(HttpServletRequest request) {
        return YAML_MAPPER.writeValueAsString(document(request));
    }

    @GetMapping(PAGE)
    String page(Model model, HttpServletRequest request) {
        model.addAttribute("api", AsyncApiPage.of(document(request)));
        model.addAttribute("json", JSON);
        model.addAttribute("yaml", YAML);
        return "asyncapi";
    }

    /** The servers as this client reached the service (through a proxy's forwarded headers where Spring reads them). */
    private AsyncApi document(HttpServletRequest request) {
        UriComponents self = ServletUriComponentsBuilder.fromContextPath(request).build();
        String host = self.getPort() == -1 ? self.getHost() : self.getHost() + ":" + self.getPort();
        return documentation.document(host, "https".equals(self.getScheme()));
    }
}
