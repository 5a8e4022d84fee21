// A Pulumi program written against the generated Go SDK (sdk/go): the three resources through the msteams
// provider plugin. test/sdk/sdk.test.ts builds it (and the whole SDK) with `go build`;
// test/e2e/sdk-go.test.ts runs it through the installed plugin (inline.go).
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"example.invalid/pulumi-msteams/sdk/go/msteams"
)

func program(ctx *pulumi.Context) error {
	chat, err := msteams.NewChat(ctx, "team", &msteams.ChatArgs{
		ChatType: msteams.ChatTypeGroup,
		Topic:    pulumi.String("Package SDK"),
		Members: msteams.ChatMemberArray{
			&msteams.ChatMemberArgs{User: pulumi.String("adele@contoso.com")},
			&msteams.ChatMemberArgs{User: pulumi.String("8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca")},
			&msteams.ChatMemberArgs{
				User:  pulumi.String("82fe7758-5bb3-4f0d-a43f-e555fd399c6f"),
				Roles: msteams.ChatMemberRoleArray{msteams.ChatMemberRoleOwner},
			},
		},
	})
	if err != nil {
		return err
	}
	hello, err := msteams.NewChatMessage(ctx, "hello", &msteams.ChatMessageArgs{
		ChatId: chat.ID().ToStringOutput(),
		Body: &msteams.ItemBodyArgs{
			ContentType: msteams.BodyTypeText,
			Content:     pulumi.String("Hello from the generated SDK"),
		},
	})
	if err != nil {
		return err
	}
	notes, err := msteams.NewChatAppInstallation(ctx, "notes", &msteams.ChatAppInstallationArgs{
		ChatId:     chat.ID().ToStringOutput(),
		TeamsAppId: pulumi.String("05F59CEC-A742-4A50-A62E-202A57E478A4"),
	})
	if err != nil {
		return err
	}
	ctx.Export("chatId", chat.ID())
	ctx.Export("topic", chat.Topic)
	ctx.Export("messageId", hello.MessageId)
	ctx.Export("installationId", notes.InstallationId)
	return nil
}
