#!/usr/bin/env python3
"""The format checks of OpenAI's cookbook "Data preparation and analysis for chat model fine-tuning", stdlib only
(no tiktoken, so no token counts), as a peer for `ftk validate`. Streams the file one line at a time.
Usage: python3 cookbook-checks.py FILE"""
import json
import sys
from collections import defaultdict

format_errors = defaultdict(int)
n_examples = n_missing_system = n_missing_user = 0
n_messages = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        if not line.strip():
            continue
        ex = json.loads(line)
        n_examples += 1
        if not isinstance(ex, dict):
            format_errors["data_type"] += 1
            continue
        messages = ex.get("messages", None)
        if not messages:
            format_errors["missing_messages_list"] += 1
            continue
        for message in messages:
            if "role" not in message or "content" not in message:
                format_errors["message_missing_key"] += 1
            if any(k not in ("role", "content", "name", "function_call", "weight") for k in message):
                format_errors["message_unrecognized_key"] += 1
            if message.get("role", None) not in ("system", "user", "assistant", "function"):
                format_errors["unrecognized_role"] += 1
            content = message.get("content", None)
            function_call = message.get("function_call", None)
            if (not content and not function_call) or not isinstance(content, str):
                format_errors["missing_content"] += 1
        if not any(message.get("role", None) == "assistant" for message in messages):
            format_errors["example_missing_assistant_message"] += 1
        if not any(message["role"] == "system" for message in messages):
            n_missing_system += 1
        if not any(message["role"] == "user" for message in messages):
            n_missing_user += 1
        n_messages.append(len(messages))

print(json.dumps({"examples": n_examples, "format_errors": dict(format_errors),
                  "missing_system": n_missing_system, "missing_user": n_missing_user}))
