package ir.hamrah.kotlin

/**
 * A small JSON reader for the sandbox's admin replies (the plain JVM has none):
 * objects become maps, arrays lists, numbers Long or Double.
 */
object Json {
    fun parse(text: String): Any? = Reader(text).run { value().also { skip(); check(i == s.length) { "trailing JSON" } } }

    private class Reader(val s: String) {
        var i = 0

        fun skip() { while (i < s.length && s[i].isWhitespace()) i++ }

        fun value(): Any? {
            skip()
            return when (val c = s[i]) {
                '{' -> obj()
                '[' -> arr()
                '"' -> str()
                't' -> word("true", true)
                'f' -> word("false", false)
                'n' -> word("null", null)
                else -> if (c == '-' || c.isDigit()) num() else error("bad JSON at $i")
            }
        }

        fun word(w: String, v: Any?): Any? { check(s.startsWith(w, i)); i += w.length; return v }

        fun num(): Any {
            val start = i
            while (i < s.length && (s[i].isDigit() || s[i] in "+-.eE")) i++
            val t = s.substring(start, i)
            return t.toLongOrNull() ?: t.toDouble()
        }

        fun str(): String {
            val b = StringBuilder()
            i++
            while (s[i] != '"') {
                if (s[i] == '\\') {
                    i++
                    when (val e = s[i]) {
                        'n' -> b.append('\n'); 't' -> b.append('\t'); 'r' -> b.append('\r')
                        'b' -> b.append('\b'); 'f' -> b.append('\u000c')
                        'u' -> { b.append(s.substring(i + 1, i + 5).toInt(16).toChar()); i += 4 }
                        else -> b.append(e)
                    }
                } else b.append(s[i])
                i++
            }
            i++
            return b.toString()
        }

        fun arr(): List<Any?> {
            val out = mutableListOf<Any?>()
            i++; skip()
            if (s[i] == ']') { i++; return out }
            while (true) {
                out.add(value()); skip()
                if (s[i++] == ']') return out
            }
        }

        fun obj(): Map<String, Any?> {
            val out = linkedMapOf<String, Any?>()
            i++; skip()
            if (s[i] == '}') { i++; return out }
            while (true) {
                skip(); val k = str(); skip(); check(s[i++] == ':')
                out[k] = value(); skip()
                if (s[i++] == '}') return out
            }
        }
    }
}

/** Field access on parsed JSON. */
@Suppress("UNCHECKED_CAST")
operator fun Any?.get(key: String): Any? = (this as Map<String, Any?>)[key]

/** Element access on parsed JSON. */
@Suppress("UNCHECKED_CAST")
fun Any?.list(): List<Any?> = this as List<Any?>
