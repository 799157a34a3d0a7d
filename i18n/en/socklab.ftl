# socklab's messages in English: the file every other language follows
# (i18n-embed-fl checks each `t!` against it at compile time).
#
# What is a name stays a name: system calls, errno names, TCP states,
# flags, option names, handle names and commands are arguments, never
# translated text.

lang-now = Messages are in English now.
