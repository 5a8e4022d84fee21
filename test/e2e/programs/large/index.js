// No resources, one 2 MiB stack output: a state well past 1 MiB without creating a hundred chats.
exports.large = "x".repeat(2 * 1024 * 1024);
