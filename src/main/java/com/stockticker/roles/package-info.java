/**
 * What an instance is ({@code ticker.role}) and whether it is part of a cluster ({@code ticker.cluster.enabled}),
 * as conditions on beans. It depends on nothing of the project, so that every package may use it.
 *
 * <p>A closed module like the others, although every other module may use it: its three annotations are its whole
 * public face and it has no internals to open, and closed keeps it in the cycle check (it must never come to depend
 * on a feature). It is not a shared module either: it declares no beans, so there is nothing for a module test to
 * bootstrap always.
 */
@ApplicationModule(displayName = "Instance roles", allowedDependencies = {})
package com.stockticker.roles;

import org.springframework.modulith.ApplicationModule;
