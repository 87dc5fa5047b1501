/**
 * What an instance is ({@code ticker.role}) and whether it is part of a cluster ({@code ticker.cluster.enabled}),
 * as conditions on beans. It depends on nothing of the project, so that every package may use it.
 */
package com.stockticker.roles;
