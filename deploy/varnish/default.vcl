# Varnish in front of the nginx origin (deploy/nginx.conf): it keeps each page, feed and data
# file for as long as nginx's Cache-Control says, answers readers from memory, and forgets a URL
# as soon as a publication changes it (invoke publish --purge http://127.0.0.1:6081 sends one
# PURGE per changed URL, listed in <served folder>.purge-urls.txt; see README "Serving").
#
# Run it with the origin's compressed copies passed through as they are (nginx sends the .br or
# .gz the reader accepts; Varnish's own gzip handling would ask nginx for gzip only):
#     varnishd -a :80 -f /etc/varnish/default.vcl -p http_gzip_support=off
# The tests start it on loopback ports with this very file (tests/cache.py replaces the two
# lines of the backend's address: keep .host and .port on lines of their own).
vcl 4.1;

backend origin {
    .host = "127.0.0.1";
    .port = "8080";
}

# Who may make the cache forget a URL: the publishing machine, on the same host.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE is allowed from this host only"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (synth(405, "This site has only GET and HEAD"));
    }
    # A static site: no cookie, no authorisation reaches the origin or splits the cache.
    unset req.http.Cookie;
    unset req.http.Authorization;
    # One cached copy per encoding nginx has (Vary: Accept-Encoding), not one per browser's
    # way of writing the header.
    if (req.http.Accept-Encoding ~ "(^|,)\s*br\s*(,|$)") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "(^|,)\s*gzip\s*(,|$)") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    return (hash);
}

sub vcl_hash {
    # One site: the path names the object, whatever Host a reader or the purger sent. A purge
    # removes every encoding of it.
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    # stale-if-error: if nginx fails, readers keep the last copy for a day rather than an
    # error; a purged object is gone, never served stale.
    set beresp.keep = 1d;
    if (beresp.status >= 500) {
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
    }
}

sub vcl_backend_error {
    # The origin did not answer: an error, not a cached blank page.
    set beresp.ttl = 0s;
}
