# SYNTAX TEST "source.dockerfile" "FROM lines"
FROM eclipse-temurin:17-jre
# <---- keyword.other.special-method.dockerfile
#   ^ - meta.image-reference.imageref
#    ^^^^^^^^^^^^^^^ meta.from.imageref meta.image-reference.imageref entity.name.type.repository.imageref
#                   ^ punctuation.separator.tag.imageref
#                    ^^^^^^ meta.image-reference.imageref constant.other.tag.imageref
FROM ghcr.io/acme/base:1.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS build
#    ^^^^^^^ entity.name.namespace.registry.imageref
#           ^ punctuation.separator.registry.imageref
#            ^^^^^^^^^ entity.name.type.repository.imageref
#                      ^^^ constant.other.tag.imageref
#                         ^ punctuation.separator.digest.imageref
#                          ^^^^^^ storage.type.digest-algorithm.imageref
#                                ^ punctuation.separator.digest-algorithm.imageref
#                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ constant.numeric.digest.imageref
#                                                                                                  ^^ keyword.other.special-method.dockerfile
#                                                                                                     ^^^^^ entity.name.stage.imageref
from --platform=$BUILDPLATFORM localhost:5000/tools/go:${GO_VERSION}-alpine as builder
# <---- keyword.other.special-method.dockerfile
#    ^^^^^^^^^^ variable.parameter.flag.imageref
#               ^^^^^^^^^^^^^^ variable.other.interpolated.imageref
#                              ^^^^^^^^^^^^^^ entity.name.namespace.registry.imageref
#                                            ^ punctuation.separator.registry.imageref
#                                             ^^^^^^^^ entity.name.type.repository.imageref
#                                                      ^^^^^^^^^^^^^ constant.other.tag.imageref variable.other.interpolated.imageref
#                                                                   ^^^^^^^ constant.other.tag.imageref
#                                                                           ^^ keyword.other.special-method.dockerfile
FROM 127.0.0.1:5000/base/java:17
#    ^^^^^^^^^^^^^^ entity.name.namespace.registry.imageref
#                   ^^^^^^^^^ entity.name.type.repository.imageref
#                             ^^ constant.other.tag.imageref
FROM ${BASE_IMAGE}
#    ^^^^^^^^^^^^^ meta.image-reference.imageref entity.name.type.repository.imageref variable.other.interpolated.imageref
FROM   myorg/app
#      ^^^^^^^^^ entity.name.type.repository.imageref
#      ^^^^^^^^^ - entity.name.namespace.registry.imageref
# FROM commented:out
# ^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - meta.image-reference.imageref
RUN echo FROM alpine:3
#        ^^^^^^^^^^^^^ - meta.image-reference.imageref
COPY --from=build /out /out
#           ^^^^^ - meta.image-reference.imageref
