package org.sovaudit.parse.iac.terraform;

import java.io.IOException;
import java.util.Map;

import com.bertramlabs.plugins.hcl4j.HCLDataLookup;
import com.bertramlabs.plugins.hcl4j.HCLFunction;
import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.HCLParserException;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.Function;

/**
 * hcl4j's parser with evaluation switched off where it could reach outside the bytes given or
 * depend on the moment it runs. hcl4j registers a {@code data "http"} lookup that performs an HTTP
 * GET while parsing, and functions such as {@code timestamp()}, {@code uuid()} and
 * {@code jsondecode()}; here both registries are emptied and both evaluation entry points answer
 * null, so a {@code data} block is kept as written and every function call evaluates to null. The
 * appliance needs literal values only. What hcl4j prints to the console while it parses is dropped.
 * Not thread-safe (hcl4j keeps per-parse state in fields):
 * create one per parse.
 */
final class SafeHclParser extends HCLParser {

    SafeHclParser() {
        dataLookupRegistry.clear();
        functionRegistry.clear();
    }

    /** Ignored: no function is ever registered (hcl4j's constructor registers its base set through here). */
    @Override
    public void registerFunction(String name, HCLFunction function) {
        // nothing: functions are never evaluated
    }

    /** Ignored: no data lookup is ever registered (hcl4j's constructor registers {@code http} through here). */
    @Override
    public void registerDataLookup(String name, HCLDataLookup lookup) {
        // nothing: data sources are never fetched
    }

    @Override
    protected Map<String, Object> evaluateDataLookup(String type, String name, Map<String, Object> properties) {
        return null;
    }

    @Override
    protected Object evaluateFunctionCall(String name, Function function) {
        return null;
    }

    @Override
    protected Object evaluateFunctionCall(String name, Function function, Map<String, Object> context) {
        return null;
    }

    /** hcl4j's parse, with what its lexer and parser print to the console dropped ({@link QuietConsole}). */
    @Override
    public Map<String, Object> parse(String input, Boolean ignoreParserExceptions) throws HCLParserException, IOException {
        boolean started = QuietConsole.enter();
        try {
            return super.parse(input, ignoreParserExceptions);
        } finally {
            QuietConsole.leave(started);
        }
    }

    /** How many data lookups and functions are registered (none, ever); for tests. */
    int registered() {
        return dataLookupRegistry.size() + functionRegistry.size();
    }
}
