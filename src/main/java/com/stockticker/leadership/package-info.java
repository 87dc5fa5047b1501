/**
 * Which core is active: at most one at a time, chosen by a lock in the database, and the duties that only the
 * active core performs (the market, the desk, answering edges), taken over and stood down as one.
 */
package com.stockticker.leadership;
