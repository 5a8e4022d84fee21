// Microsoft Teams chats, chat members and chat app installations over Microsoft Graph, as Pulumi dynamic resources (package pulumi-msteams). Property-level `language.msteams` blocks carry the constraints Graph enforces (see schema/README.md); the provider's check() and the generated TypeScript types are driven by this file.
package msteams
