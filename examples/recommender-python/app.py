"""A movie recommendation service for the course's contract.

    GET /recommend/<userid>  ->  up to 20 movie ids, comma-separated, one plain-text line
    GET /health              ->  JSON: what the model has learnt

Learns from the movielog Kafka topic on a background thread; answers from memory.
Run it with ./run.sh (after ./setup.sh); see README.md.
"""
import argparse
import re
import sys

from flask import Flask, Response, jsonify

from recommender import Recommender

USER_ID = re.compile(r"^\d{1,12}$")


def create_app(model: Recommender, consumer=None) -> Flask:
    app = Flask(__name__)

    @app.get("/recommend/<userid>")
    def recommend(userid):
        # The course sends invalid requests on purpose: answer them clearly, never crash.
        if not USER_ID.match(userid):
            return Response(f"user id must be a number, got {userid[:40]!r}\n", status=400, mimetype="text/plain")
        with model.lock:
            movies = model.recommend(userid)
        return Response(",".join(movies), mimetype="text/plain")

    @app.get("/health")
    def health():
        with model.lock:
            body = model.health()
        body["ok"] = True
        body["ready"] = consumer is None or consumer.assigned.is_set()
        body["stream_errors"] = consumer.errors if consumer is not None else 0
        return jsonify(body)

    return app


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Learns from the movielog stream and serves GET /recommend/<userid>.")
    parser.add_argument("--port", type=int, default=8082, help="HTTP port (default 8082, the course's)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--brokers", default="127.0.0.1:9092", help="Kafka bootstrap servers")
    parser.add_argument("--topic", default="movielog1")
    parser.add_argument("--from", dest="start", choices=["beginning", "latest"], default="beginning", help="replay the topic from its start (default) or only follow new lines")
    parser.add_argument("--threads", type=int, default=8, help="web server threads")
    parser.add_argument("--entity-api", help="the course's entity API, e.g. http://127.0.0.1:8080 (course mode: http://host:8080/team01): no R-rated movie goes to a user under 18")
    parser.add_argument("--entity-token", help="the team's API token for it")
    args = parser.parse_args(argv)
    if args.entity_api is not None and not re.match(r"^https?://[^\s/]+(/\S*)?$", args.entity_api):
        parser.error("--entity-api must be an http:// URL, got %s" % args.entity_api)

    # Imported here so that the model and its tests need nothing beyond the standard library.
    from kafka_stream import StreamConsumer
    from waitress import serve

    audience = None
    if args.entity_api:
        from audience_filter import AudienceFilter
        from entity_client import EntityClient

        audience = AudienceFilter(EntityClient(args.entity_api, token=args.entity_token))
    model = Recommender(audience=audience)
    consumer = StreamConsumer(model, args.brokers, args.topic, from_beginning=args.start == "beginning")
    consumer.start()
    print(f"recommender-python: serving http://{args.host}:{args.port}/recommend/<userid>, learning from {args.topic} on {args.brokers}", file=sys.stderr, flush=True)
    try:
        # Flask's own server is for development; waitress keeps up with the simulator's request rate.
        serve(create_app(model, consumer), host=args.host, port=args.port, threads=args.threads)
    finally:
        consumer.stop()


if __name__ == "__main__":
    main()
