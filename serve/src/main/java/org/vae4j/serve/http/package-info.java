/**
 * The HTTP side on Jetty: routing, access (host, origin, bearer token), strict JSON input, errors as one
 * line of JSON, metrics, the OpenAPI document and the explorer page's files.
 */
package org.vae4j.serve.http;
